import assert from 'node:assert/strict';
import { exportFileName, conversationMarkdown, fenced } from '../../../src/core/history/markdownExport';
import type { StoredConversation } from '../../../src/core/history/conversationFile';

const conversation: StoredConversation = {
  schema: 1,
  id: 'a-1',
  title: 'Why does the\nparser drop comments?',
  createdAt: Date.parse('2026-01-02T03:04:00Z'),
  updatedAt: Date.parse('2026-01-02T05:06:00Z'),
  revision: 3,
  model: 'claude-sonnet-5-5',
  messages: [
    { role: 'user', content: 'Why does the parser drop comments?' },
    {
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: 'Look at the lexer.', signature: 's' },
        { type: 'text', text: 'Reading the lexer.' },
        { type: 'tool_use', id: 'tu_1', name: 'read_file', input: { path: 'src/lexer.ts' } },
      ],
    },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'tu_1', content: 'const s = ```x```;' }] },
    { role: 'assistant', content: [{ type: 'text', text: 'It stops at EOF.' }] },
    { role: 'user', content: [{ type: 'image', source: {} }, { type: 'text', text: 'And this?' }] },
  ],
};

describe('Markdown export', () => {
  it('writes the conversation as sections, with thinking folded and tool calls fenced', () => {
    assert.equal(
      conversationMarkdown(conversation),
      [
        '# Why does the parser drop comments?',
        '',
        '_5 messages · created 2026-01-02 03:04 UTC · updated 2026-01-02 05:06 UTC · claude-sonnet-5-5_',
        '',
        '## You',
        '',
        'Why does the parser drop comments?',
        '',
        '## Claude',
        '',
        '<details><summary>Thinking</summary>',
        '',
        'Look at the lexer.',
        '',
        '</details>',
        '',
        'Reading the lexer.',
        '',
        '**Tool: read_file**',
        '',
        '```json',
        '{\n  "path": "src/lexer.ts"\n}',
        '```',
        '',
        '**Result:**',
        '',
        '````',
        'const s = ```x```;',
        '````',
        '',
        'It stops at EOF.',
        '',
        '## You',
        '',
        '_[image]_',
        '',
        'And this?',
        '',
      ].join('\n'),
    );
  });

  it('says when the last answer was interrupted', () => {
    assert.match(conversationMarkdown({ ...conversation, interrupted: true }), /interrupted before it finished\.\)_\n$/);
  });

  it('fences are longer than any backtick run inside', () => {
    assert.deepEqual(fenced('a ````` b', ''), ['``````', 'a ````` b', '``````']);
  });

  it('file names come from the title', () => {
    assert.equal(exportFileName('Why does the parser drop comments?'), 'why-does-the-parser-drop-comments.md');
    assert.equal(exportFileName('???'), 'conversation.md');
  });
});
