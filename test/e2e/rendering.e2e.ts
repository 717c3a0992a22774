// End to end: what the chat renders. Streamed markdown becomes headings, lists and code blocks; code is
// highlighted by a grammar loaded only when needed; code blocks copy, insert and apply (through the
// write approval diff); links open only through the host (web links with the editor's confirmation);
// remote images never load; thinking shows elapsed time and tokens while it streams and collapses to
// "Thought for…" when done, unless the setting keeps it open.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { paced, text, thinking } from '../fake-anthropic';
import { useChatFixture } from './fixtures';
import { openFile } from './workbench';

/** Splits text into small chunks so the fake streams it as many deltas. */
function chunks(source: string, size = 6): string[] {
  const out: string[] = [];
  for (let i = 0; i < source.length; i += size) out.push(source.slice(i, i + size));
  return out;
}

/** Waits for `target`; on timeout says what was expected and what `shownIn` shows instead. */
async function waitShown(target: Locator, expected: string, shownIn: Locator, { state = 'visible' as 'visible' | 'hidden' | 'attached', timeoutMs = 30_000 } = {}): Promise<void> {
  try {
    await target.waitFor({ state, timeout: timeoutMs });
  } catch (err) {
    const shown = await shownIn.innerText({ timeout: 1000 }).catch(() => '(not found)');
    throw new Error(`${expected} (${state}) within ${timeoutMs} ms; it shows:\n${shown || '(empty)'}`, { cause: err });
  }
}

function notification(page: Page, pattern: RegExp): Locator {
  return page.locator('.notifications-toasts .notification-toast').filter({ hasText: pattern });
}

function activeEditorActions(page: Page): Locator {
  return page.locator('.part.editor .editor-group-container.active .editor-actions');
}

/** In the page: whether a thinking summary's <details> is open (no DOM types in this tsconfig). */
const isOpen = (summary: unknown): boolean => (summary as { parentElement: { open: boolean } }).parentElement.open;

/** In the page: writes `value` to the browser clipboard, or reads it when `value` is undefined. */
const clipboard = (value: string | undefined): Promise<string | void> => {
  const api = (globalThis as unknown as { navigator: { clipboard: { writeText(t: string): Promise<void>; readText(): Promise<string> } } }).navigator.clipboard;
  return value === undefined ? api.readText() : api.writeText(value);
};

const ANSWER = [
  '# Streaming heading',
  '',
  'Some **bold** text and a list:',
  '',
  '- first item',
  '- second item',
  '',
  '```ts',
  'export function answer(): number {',
  '  return 42;',
  '}',
  '```',
  '',
  'After the code.',
  '',
].join('\n');

describe('rendering', () => {
  const f = useChatFixture();
  const requested: string[] = [];

  before(() => {
    // Every script the webview loads (it is in an iframe of the same page). That chat.js itself holds
    // no grammar is checked on the bundle (test/unit/webview/bundle.test.ts).
    f.wb.page.on('response', (response) => {
      if (/\.js(\?|$)/.test(response.url())) requested.push(response.url());
    });
  });

  beforeEach(async () => {
    f.fake.reset();
    await f.chat.open();
  });

  it('renders streamed markdown (heading, list, code) and highlights the code with a grammar loaded on demand', async () => {
    const grammarChunk = (u: string) => /\/typescript-[A-Z0-9]+\.js/.test(u);
    assert.ok(requested.some((u) => /\/chat\.js/.test(u)), `chat.js was loaded: ${requested.join(', ')}`);
    assert.ok(!requested.some(grammarChunk), 'the TypeScript grammar was loaded before any TypeScript code was shown');

    f.fake.enqueue(paced(200, text(chunks(ANSWER))));
    await f.chat.send('show me markdown');
    const turn = f.chat.assistantTurns.last();
    await waitShown(turn.getByRole('heading', { name: 'Streaming heading', level: 1 }), 'no h1 heading', turn);
    await waitShown(turn.getByText('After the code.'), 'the answer never finished', turn);
    assert.deepEqual(await turn.getByRole('listitem').allInnerTexts(), ['first item', 'second item']);
    assert.equal(await turn.locator('strong').innerText(), 'bold');
    const code = turn.locator('pre.code-block code');
    assert.equal((await code.innerText()).trim(), 'export function answer(): number {\n  return 42;\n}');
    // Highlighted: highlight.js spans appear once the grammar chunk has loaded.
    await waitShown(code.locator('span.hljs-keyword').first(), 'the code was never highlighted', turn);
    assert.ok(requested.some(grammarChunk), `the TypeScript grammar was fetched as its own chunk: ${requested.join(', ')}`);
    assert.equal(await f.chat.codeToolbars(turn).count(), 1);
  });

  it('Copy puts the code on the clipboard', async () => {
    const page = f.wb.page;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
    await page.evaluate(clipboard, 'before');
    f.fake.enqueue(text('Here:\n\n```python\nprint("copied text")\n```\n'));
    await f.chat.send('code to copy');
    await f.chat.waitForTranscriptText('copied text');
    const turn = f.chat.assistantTurns.last();
    const copy = f.chat.codeAction('Copy', turn);
    await waitShown(copy, 'no Copy button', turn);
    await copy.click();
    await waitShown(f.chat.codeToolbars(turn).getByText('Copied'), 'the button never said Copied', turn);
    const deadline = Date.now() + 10_000;
    let clip = '';
    while (Date.now() < deadline) {
      clip = String(await page.evaluate(clipboard, undefined));
      if (clip !== 'before') break;
      await page.waitForTimeout(100); // polling the clipboard, which has no change event
    }
    assert.equal(clip, 'print("copied text")\n');
  });

  it('Insert at Cursor inserts the code into the open editor', async () => {
    const page = f.wb.page;
    const file = path.join(f.wb.workspace, 'notes.txt');
    const before = fs.readFileSync(file, 'utf8');
    await openFile(page, 'notes.txt');
    f.fake.enqueue(text('Insert this:\n\n```text\nINSERTED LINE\n```\n'));
    await f.chat.send('code to insert');
    // Wait for this answer: until it arrives, "the last turn" is the previous test's, with its own code.
    await f.chat.waitForTranscriptText('INSERTED LINE');
    const turn = f.chat.assistantTurns.last();
    const insert = f.chat.codeAction('Insert at Cursor', turn);
    await waitShown(insert, 'no Insert at Cursor button', turn);
    await insert.click();
    await waitShown(page.locator('.part.editor .editor-group-container.active .view-lines').getByText('INSERTED LINE'), 'the editor never showed the inserted code', page.locator('.part.editor'));
    // Insert at Cursor focuses the editor, so the save shortcut goes to it.
    await page.keyboard.press('Control+S');
    // Wait for the saved text itself: a save can truncate the file before it writes, so "changed" is not "saved".
    const expected = `INSERTED LINE${before}`;
    const deadline = Date.now() + 10_000;
    while (fs.readFileSync(file, 'utf8') !== expected && Date.now() < deadline) await page.waitForTimeout(100); // waiting for the save to reach the disk
    assert.equal(fs.readFileSync(file, 'utf8'), expected);
  });

  it('Apply to File shows the diff and Approve Change writes the file the fence names', async () => {
    const page = f.wb.page;
    const file = path.join(f.wb.workspace, 'src', 'applied.ts');
    assert.ok(!fs.existsSync(file));
    f.fake.enqueue(text('New file:\n\n```ts path=src/applied.ts\nexport const applied = true;\n```\n'));
    await f.chat.send('code to apply');
    await f.chat.waitForTranscriptText('export const applied');
    const turn = f.chat.assistantTurns.last();
    const apply = f.chat.codeAction('Apply to File', turn);
    await waitShown(apply, 'no Apply to File button', turn);
    await apply.click();
    const tab = page.locator('.part.editor .tabs-container').getByRole('tab', { name: 'Proposed new file: src/applied.ts (Claude)' });
    await waitShown(tab, 'no diff tab for src/applied.ts', page.locator('.part.editor'));
    assert.ok(!fs.existsSync(file), 'the file was written before approval');
    const approve = activeEditorActions(page).getByRole('button', { name: 'Approve Change', exact: true });
    await waitShown(approve, 'the diff has no Approve Change action', page.locator('.part.editor'));
    await approve.click();
    await waitShown(tab, 'the diff tab stayed open after Approve Change', page.locator('.part.editor'), { state: 'hidden' });
    const deadline = Date.now() + 10_000;
    while (!fs.existsSync(file) && Date.now() < deadline) await page.waitForTimeout(100); // waiting for the write to reach the disk
    assert.equal(fs.readFileSync(file, 'utf8'), 'export const applied = true;\n');
  });

  it('a web link opens through the editor, which asks before opening the external website', async () => {
    const page = f.wb.page;
    f.fake.enqueue(text('Read [the docs](https://example.com/docs) for more.'));
    await f.chat.send('a link please');
    const turn = f.chat.assistantTurns.last();
    const link = turn.getByRole('link', { name: 'the docs' });
    await waitShown(link, 'no link', turn);
    await link.click();
    const dialog = page.locator('.monaco-dialog-box').filter({ hasText: /open the external website/i });
    await waitShown(dialog, 'the editor never asked before opening the website', page.locator('.monaco-workbench'));
    assert.match(await dialog.innerText(), /example\.com/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('javascript:, file: and relative links are never followed; remote images never load', async () => {
    const page = f.wb.page;
    f.fake.enqueue(text('Bad [script](javascript:alert(1)) and [local](file:///etc/passwd) and [relative](src/greet.ts).\n\n![logo](https://example.com/logo.png)\n\nEnd.'));
    await f.chat.send('bad links please');
    const turn = f.chat.assistantTurns.last();
    await waitShown(turn.getByText('End.'), 'the answer never finished', turn);
    // markdown-it does not make links of dangerous schemes; they stay visible as text.
    assert.equal(await turn.locator('a[href^="javascript:"], a[href^="file:"]').count(), 0);
    assert.match(await turn.innerText(), /\[script\]\(javascript:alert\(1\)\)/);
    assert.equal(await turn.locator('img').count(), 0, 'a markdown image became an <img>');
    await waitShown(turn.getByRole('link', { name: 'Image: logo' }), 'the image is not shown as a link', turn);
    // A link the host will not open: it says so instead of opening anything.
    await turn.getByRole('link', { name: 'relative' }).click();
    await waitShown(notification(page, /was not opened/), 'no message saying the relative link was not opened', page.locator('.notifications-toasts'));
    assert.equal(await page.locator('.monaco-dialog-box').count(), 0, 'a dialog opened for a refused link');
  });

  it('thinking shows elapsed time and tokens while it streams, then collapses to "Thought for…"; it becomes markdown only when opened', async () => {
    f.fake.enqueue(paced(12, thinking(chunks('Let me think about this **step by step**. '.repeat(6), 4), 'The answer is 7.')));
    await f.chat.send('think first');
    const turn = f.chat.assistantTurns.last();
    const summary = f.chat.thinkingSummaries(turn).first();
    await waitShown(summary.filter({ hasText: /^Thinking… [1-9]\d*s · ~\d+(\.\d)?k? tokens$/ }), 'the summary never showed elapsed time and tokens', turn);
    assert.equal(await summary.evaluate(isOpen), true, 'thinking is open while it streams');
    await waitShown(turn.getByText('The answer is 7.'), 'the answer never arrived', turn);
    await waitShown(summary.filter({ hasText: /^Thought for \d+s · ~\d+ tokens$/ }), 'the summary never said Thought for…', turn);
    assert.equal(await summary.evaluate(isOpen), false, 'finished thinking is collapsed');
    // Collapsed, it stays plain text: converting a long thinking block is work nobody asked for yet.
    assert.equal(await turn.locator('details.thinking .plain-stream').count(), 1, 'collapsed thinking is not converted to markdown');
    assert.equal(await turn.locator('details.thinking strong').count(), 0);
    await summary.click();
    await waitShown(turn.locator('details.thinking[open]').getByText('Let me think about this'), 'opening the thinking shows its text', turn);
    await waitShown(turn.locator('details.thinking[open] strong').first(), 'opened, the thinking is rendered as markdown', turn);
  });

  it('an open paragraph of prose grows in place while it streams, and is rendered as markdown once markup appears', async () => {
    const words = Array.from({ length: 120 }, (_, i) => `word${i}`);
    f.fake.enqueue(paced(40, text([...words.map((w) => `${w} `), 'and **bold at the end**.'])));
    await f.chat.send('a long paragraph');
    const turn = f.chat.assistantTurns.last();
    const tail = turn.locator('.markdown-tail > p');
    await waitShown(tail.filter({ hasText: /\bword10\b/ }), 'the paragraph never started streaming', turn);
    // Mark the element: rendering the tail again would replace it with a new, unmarked one.
    await tail.evaluate((p) => p.setAttribute('data-probe', 'same'));
    await waitShown(tail.filter({ hasText: /\bword60\b/ }), 'the paragraph stopped growing', turn);
    assert.equal(await tail.getAttribute('data-probe'), 'same', 'plain prose was appended to the same paragraph, not rendered again');
    await waitShown(turn.locator('strong', { hasText: 'bold at the end' }), 'the bold text was not rendered as markdown', turn);
    assert.ok((await turn.innerText()).includes('word0 word1 word2'), 'the text before the markup is all there');
  });

  it('a paragraph of plain prose keeps its element when it ends; the next one streams into a new one', async () => {
    const first = Array.from({ length: 40 }, (_, i) => `alpha${i}`);
    const second = Array.from({ length: 10 }, (_, i) => `beta${i}`);
    f.fake.enqueue(paced(12, text([...first.map((w) => `${w} `), 'end.\n\n', ...second.map((w) => `${w} `), 'done.'])));
    // The answer before may still be finishing; a message sent while it streams would be refused.
    await f.chat.sendButton.waitFor({ state: 'visible' });
    await f.chat.send('two paragraphs');
    const turn = f.chat.assistantTurns.last();
    const tail = turn.locator('.markdown-tail > p');
    await waitShown(tail.filter({ hasText: /\balpha2\b/ }), 'the first paragraph never started streaming', turn);
    await tail.evaluate((p) => p.setAttribute('data-probe', 'first'));
    await waitShown(turn.getByText(/beta9 done\.$/), 'the second paragraph never finished', turn);
    // The finished paragraph was not rendered again: the marked element itself holds all of it.
    const kept = turn.locator('.markdown > p[data-probe="first"]');
    assert.equal(await kept.count(), 1, 'the first paragraph kept its element');
    assert.equal(await kept.textContent(), `${first.join(' ')} end.`);
    const paragraphs = turn.locator('.markdown p');
    assert.equal(await paragraphs.count(), 2, 'two paragraphs, each shown once');
    assert.equal(await paragraphs.last().getAttribute('data-probe'), null, 'the second paragraph is a new element');
  });

  it('a long thinking stream arrives intact in small chunks, and its finished sections skip layout while off screen', async () => {
    const lines = Array.from({ length: 900 }, (_, i) => `Step ${i + 1}: weigh option ${i % 7} against the constraints.\n`);
    const thoughts = lines.join('');
    f.fake.enqueue(paced(3000, thinking(chunks(thoughts, 23), 'Decided.')));
    // Samples the distance from the bottom after every painted frame while the thinking streams.
    type Sampler = { gaps: number[]; tops: number[]; on: boolean; screen: number };
    await f.chat.transcript.evaluate((el) => {
      const w = globalThis as unknown as { __follow: Sampler; requestAnimationFrame(cb: () => void): number };
      const state: Sampler = { gaps: [], tops: [], on: true, screen: el.clientHeight };
      w.__follow = state;
      const tick = () => {
        if (!state.on) return;
        // A task queued from the animation frame runs after that frame's paint: what the reader saw.
        setTimeout(() => {
          state.gaps.push(Math.round(el.scrollHeight - el.scrollTop - el.clientHeight));
          state.tops.push(el.scrollTop);
          w.requestAnimationFrame(tick);
        }, 0);
      };
      w.requestAnimationFrame(tick);
    });
    await f.chat.send('think at length');
    const turn = f.chat.assistantTurns.last();
    await waitShown(turn.getByText('Decided.'), 'the answer never arrived', turn);
    const follow = await f.chat.transcript.evaluate(() => {
      const state = (globalThis as unknown as { __follow: Sampler }).__follow;
      state.on = false;
      return state;
    });
    assert.ok(Math.max(...follow.tops) > follow.screen, `the thinking ran past one screen (deepest scroll ${Math.max(...follow.tops)} px, screen ${follow.screen} px)`);
    const behind = follow.gaps.filter((g) => g > 24);
    assert.equal(behind.length, 0, `the bottom stayed in view in every painted frame of ${follow.gaps.length} (behind by: ${behind.join(', ')} px)`);
    const stream = turn.locator('details.thinking .plain-stream');
    const shape = await stream.evaluate((el) => {
      type Styles = { getComputedStyle(e: unknown): { getPropertyValue(name: string): string } };
      const visibility = (s: unknown) => (globalThis as unknown as Styles).getComputedStyle(s).getPropertyValue('content-visibility');
      const sections = [...el.querySelectorAll('.plain-section')];
      const chunkLengths = [...el.querySelectorAll('.plain-chunk')].map((c) => (c.textContent ?? '').length);
      return { text: el.textContent, sections: sections.length, chunkLengths, first: visibility(sections[0]), last: visibility(sections.at(-1)) };
    });
    assert.equal(shape.text, thoughts, 'every character arrives once and in order, across chunk and section boundaries');
    assert.ok(shape.sections >= 2, `${thoughts.length} characters make more than one section (got ${shape.sections})`);
    assert.ok(Math.max(...shape.chunkLengths) <= 1024 + 200, `a chunk stays small so an append relayouts little (largest: ${Math.max(...shape.chunkLengths)})`);
    assert.equal(shape.first, 'auto', 'a finished section skips layout and paint while off screen');
    assert.equal(shape.last, 'visible', 'the section still growing is laid out normally');
  });

  describe('with claudeCompanion.chat.thinkingExpanded on', () => {
    let settingsFile: string;

    before(() => {
      settingsFile = path.join(f.wb.workspace, '.vscode', 'settings.json');
      fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
      fs.writeFileSync(settingsFile, JSON.stringify({ 'claudeCompanion.chat.thinkingExpanded': true }));
    });

    after(() => fs.rmSync(path.dirname(settingsFile), { recursive: true, force: true }));

    it('finished thinking stays expanded', async () => {
      f.fake.enqueue(paced(12, thinking(chunks('Considering the options carefully. '.repeat(5), 4), 'Expanded answer.')));
      // The settings file reaches the host through a file watcher: wait until the panel has the new value.
      await waitShown(f.chat.frame.locator('html[data-thinking-expanded="true"]'), 'the panel never got thinkingExpanded', f.chat.transcript, { state: 'attached' });
      await f.chat.send('think again');
      const turn = f.chat.assistantTurns.last();
      const summary = f.chat.thinkingSummaries(turn).first();
      await waitShown(turn.getByText('Expanded answer.'), 'the answer never arrived', turn);
      await waitShown(summary.filter({ hasText: /^Thought for \d+s/ }), 'the summary never said Thought for…', turn);
      assert.equal(await summary.evaluate(isOpen), true, 'the setting keeps finished thinking expanded');
    });
  });
});

describe('rendering: Apply to File in Restricted Mode', () => {
  const f = useChatFixture({
    workspaceTrust: true,
    // Open the folder untrusted, without the trust dialog.
    settings: { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' },
  });

  beforeEach(async () => {
    f.fake.reset();
    await f.chat.open();
  });

  it('is refused with a message offering Manage Workspace Trust, and writes nothing', async () => {
    const page = f.wb.page;
    const file = path.join(f.wb.workspace, 'src', 'blocked.ts');
    f.fake.enqueue(text('```ts path=src/blocked.ts\nexport const blocked = true;\n```\n'));
    await f.chat.send('code to apply');
    const turn = f.chat.assistantTurns.last();
    const apply = f.chat.codeAction('Apply to File', turn);
    await waitShown(apply, 'no Apply to File button', turn);
    await apply.click();
    const toast = notification(page, /Restricted Mode/);
    await waitShown(toast, 'no Restricted Mode message', page.locator('.notifications-toasts'));
    await waitShown(toast.getByRole('button', { name: 'Manage Workspace Trust' }), 'the message offers no Manage Workspace Trust', toast);
    assert.equal(await page.locator('.part.editor .tabs-container').getByRole('tab', { name: /Proposed/ }).count(), 0, 'a diff opened in Restricted Mode');
    assert.ok(!fs.existsSync(file), 'the file was written in Restricted Mode');
  });
});
