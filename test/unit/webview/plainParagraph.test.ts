// The streaming tail's shortcut for prose: a paragraph reported as plain text must render exactly as
// markdown-it renders it (a <p> holding that text), and anything with markup must not be reported.
import assert from 'node:assert/strict';
import { md, parseBlocks, plainParagraphText, renderTokens } from '../../../src/webview/markdownParser';

const plainHtml = (text: string) => `<p>${md.utils.escapeHtml(text)}</p>\n`;

describe('plain paragraph shortcut', () => {
  const plain = [
    'Just words.',
    'words that run\nonto a second line',
    'an unclosed *emphasis and a lone ` backtick',
    'escapes \\*stay\\* text and &amp; entities & <b>tags</b> too',
    'trailing spaces   ',
    '   leading spaces',
  ];
  for (const source of plain) {
    it(`plain: ${JSON.stringify(source)}`, () => {
      const tokens = parseBlocks(source, {});
      const text = plainParagraphText(tokens);
      assert.notEqual(text, undefined);
      assert.equal(plainHtml(text as string), renderTokens(tokens), 'the text node shows what markdown-it renders');
    });
  }

  const marked = [
    'some **bold** text',
    'some _emphasis_',
    'a `code span`',
    'a [link](https://example.com)',
    'a bare https://example.com link (linkify)',
    'hard break  \nnext line',
    '# a heading',
    '- a list item',
    '> a quote',
    'two\n\nparagraphs',
    '![image](https://example.com/a.png)',
    '',
  ];
  for (const source of marked) {
    it(`not plain: ${JSON.stringify(source)}`, () => {
      assert.equal(plainParagraphText(parseBlocks(source, {})), undefined);
    });
  }
});
