// The streaming markdown splitter: finished blocks are cut only where no later text can change them,
// so rendering the finished blocks once plus the tail at the end equals rendering the whole text.
import assert from 'node:assert/strict';
import { md, parseBlocks, renderTokens } from '../../../src/webview/markdownParser';
import { MarkdownStream } from '../../../src/webview/markdownStream';
import { FenceScanner, isClosingFence, mayBecomeClosingFence, splitTail } from '../../../src/webview/markdownSplit';

/** What StreamingMarkdown does, minus the DOM: the finished HTML after each update, and parse work. */
function streamRender(source: string, chunkSizes: readonly number[]): { html: string; stableSnapshots: string[]; parsedChars: number; maxTail: number } {
  const stream = new MarkdownStream();
  let stable = '';
  let parsedChars = 0;
  let maxTail = 0;
  let fenceOpen = false;
  const stableSnapshots: string[] = [];
  const render = (final: boolean) => {
    // An open fence is scanned, not parsed (see markdownStream.ts).
    if (!fenceOpen) parsedChars += stream.tailLength;
    maxTail = Math.max(maxTail, stream.tailLength);
    const update = stream.update(final);
    stable += renderTokens(update.finished);
    stableSnapshots.push(stable);
    if (update.tail) fenceOpen = update.tail.kind === 'fence';
  };
  let at = 0;
  for (let i = 0; at < source.length; i++) {
    const size = chunkSizes[i % chunkSizes.length]!;
    stream.push(source.slice(at, at + size));
    at += size;
    render(false);
  }
  render(true);
  return { html: stable, stableSnapshots, parsedChars, maxTail };
}

const DOCS: Record<string, string> = {
  paragraphs: 'First paragraph with **bold**.\n\nSecond one,\nwrapped.\n\nThird.\n',
  headings: '# Title\n\nSome text\n===\n\n## Sub\ntext under\n---\n\nend\n',
  lists: '- one\n- two\n\n- three (loose now)\n\n  continued item\n\n1. a\n2. b\n\n\n3. c\n\nafter\n',
  fence: 'Intro:\n\n```ts path=src/a.ts\nconst a = 1;\n\n\nconst b = 2;\n```\n\nAfter the code.\n',
  tildeFence: '~~~~python\nprint("```")\n~~~\nstill code\n~~~~\ntext\n',
  fenceInList: '- item\n\n  ```js\n  let x = 1;\n\n  x++;\n  ```\n\n- next\n',
  unclosedFence: 'Start\n\n```bash\necho hi\n',
  table: '| a | b |\n|---|---|\n| 1 | 2 |\n\nAfter table.\n',
  quotes: '> quoted\n> more\n\n> second quote\n\nplain\n',
  references: 'See [the docs][d].\n\n[d]: https://example.com/docs\n\nAnd [again][d].\n',
  indentedCode: 'Para\n\n    code line\n\n    more code\n\ndone\n',
  lazy: 'A paragraph\ncontinues lazily\n\n- list\nlazy line\n\nend',
};

describe('streaming markdown splitter', () => {
  for (const [name, source] of Object.entries(DOCS)) {
    for (const sizes of [[1], [3, 7, 2], [50]]) {
      it(`${name}, chunks of ${sizes.join('/')}: finished blocks never change and the result equals a whole render`, () => {
        const whole = md.render(source, {});
        const { html, stableSnapshots } = streamRender(source, sizes);
        // Reference links may be defined after their use; the whole render resolves those, streaming need not.
        if (name !== 'references') assert.equal(html, whole);
        for (const snapshot of stableSnapshots) assert.ok(html.startsWith(snapshot), `a finished block changed later:\n${snapshot}\n--- vs final ---\n${html}`);
      });
    }
  }

  it('keeps a reference definition seen earlier for links that come later', () => {
    const { html } = streamRender(DOCS['references']!, [4]);
    assert.match(html, /<a href="https:\/\/example.com\/docs">again<\/a>/);
  });

  it('parses only the open tail: work per update is bounded by the block size, not the message size', () => {
    const paragraph = 'Some words that make up a paragraph of a long answer. '.repeat(4) + '\n\n';
    const source = paragraph.repeat(400); // ~90 KB
    const { maxTail, html } = streamRender(source, [16]);
    assert.ok(maxTail < paragraph.length * 3, `the tail grew to ${maxTail} characters`);
    assert.equal(html, md.render(source, {}));
  });

  it('does not re-parse an open code fence while its lines stream', () => {
    const source = '```ts\n' + 'const x = 1;\n'.repeat(2000) + '```\n\nafter\n';
    const { parsedChars, html } = streamRender(source, [13]);
    assert.ok(parsedChars < source.length * 3, `parsed ${parsedChars} characters for a ${source.length}-character text`);
    assert.equal(html, md.render(source, {}));
  });

  it('holds an open fence in the tail and reports where its code starts', () => {
    const text = 'Intro\n\n```js\nlet a;\n';
    const tokens = parseBlocks(text, {});
    const split = splitTail(tokens, text, false);
    assert.equal(text.slice(0, split.charEnd), 'Intro\n\n');
    assert.deepEqual(split.openFence, { marker: '```', info: 'js', contentStart: text.indexOf('let') });
  });

  it('does not start code-fence streaming until the opening line (and so the language) is complete', () => {
    const text = 'Intro\n\n```typesc';
    const split = splitTail(parseBlocks(text, {}), text, false);
    assert.equal(split.openFence, undefined);
    assert.equal(text.slice(split.charEnd), '```typesc', 'the partial line stays open');
  });

  it('a block on a partial line keeps the one before it open, unless that is a paragraph a blank line ended', () => {
    const list = '- a\n\n3';
    assert.equal(splitTail(parseBlocks(list, {}), list, false).charEnd, 0, '"3" may still become "3. item" of the list');
    const prose = 'First paragraph.\n\nSecond, still stre';
    const split = splitTail(parseBlocks(prose, {}), prose, false);
    assert.equal(prose.slice(split.charEnd), 'Second, still stre', 'the first paragraph is finished; only the second is the tail');
    assert.equal(split.tokenEnd, 3);
    const lazy = 'First paragraph\ncontin';
    assert.equal(splitTail(parseBlocks(lazy, {}), lazy, false).charEnd, 0, 'without a blank line the partial line continues the paragraph');
  });

  it('treats a closed fence as finished at once, but a list only once another block starts', () => {
    const fenced = '```\ncode\n```\n';
    assert.equal(splitTail(parseBlocks(fenced, {}), fenced, false).charEnd, fenced.length);
    const list = '- a\n\n';
    assert.equal(splitTail(parseBlocks(list, {}), list, false).charEnd, 0);
    const para = 'para\n';
    assert.equal(splitTail(parseBlocks(para, {}), para, false).charEnd, 0, 'a following === could still make it a heading');
  });
});

describe('code fence scanning', () => {
  it('recognises closing fences', () => {
    assert.ok(isClosingFence('```', '```'));
    assert.ok(isClosingFence('   ````  ', '```'));
    assert.ok(!isClosingFence('``', '```'));
    assert.ok(!isClosingFence('~~~', '```'));
    assert.ok(!isClosingFence('```js', '```'));
    assert.ok(!isClosingFence('    ```', '```'), 'four spaces make it code');
  });

  it('holds back a partial line that may still close the fence', () => {
    assert.ok(mayBecomeClosingFence('``', '```'));
    assert.ok(mayBecomeClosingFence('', '```'));
    assert.ok(!mayBecomeClosingFence('`x', '```'));
    assert.ok(!mayBecomeClosingFence('~~', '```'));
  });

  it('passes on new code only, line by line, and reports where the fence closed', () => {
    const scanner = new FenceScanner('```', 4);
    let text = '```\nab';
    assert.deepEqual(scanner.advance(text), { code: 'ab' });
    text += 'c\n``';
    assert.deepEqual(scanner.advance(text), { code: 'c\n' });
    text += '`\nafter';
    assert.deepEqual(scanner.advance(text), { code: '', closedAt: text.indexOf('after') });
  });
});
