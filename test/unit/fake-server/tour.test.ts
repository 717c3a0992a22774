// The demo tour `npm start -- --fake` answers with (test/fake-anthropic/tour.ts), driven through the real
// SDK: each step is chosen from the request alone, and every tool call and finding points at something
// that exists in what the extension sent.
import assert from 'node:assert/strict';
import type Anthropic from '@anthropic-ai/sdk';
import { TOUR_NEW_FILE, TOUR_NOTE, tourScenario } from '../../fake-anthropic';
import { useFakeAnthropic } from '../../support/useFakeAnthropic';
import { buildReviewRequest } from '../../../src/core/review/reviewRequest';
import { MODEL, type Loose } from './helpers';

type Message = Anthropic.MessageParam;
const TOOLS: Anthropic.Tool[] = ['list_files', 'read_file', 'edit_file', 'write_file'].map((name) => ({ name, input_schema: { type: 'object' } }));

describe('fake Anthropic server: the demo tour', function () {
  const f = useFakeAnthropic({ defaultScenario: tourScenario({ tokensPerSecond: 0 }) });

  async function ask(messages: Message[], extra: Partial<Anthropic.MessageCreateParamsStreaming> = {}): Promise<Anthropic.Message> {
    return f.client.messages.stream({ model: MODEL, max_tokens: 4096, tools: TOOLS, thinking: { type: 'adaptive' }, messages, ...extra }).finalMessage();
  }

  /** The conversation after `answer`, with `result` sent back for its (single) tool call. */
  function answerWith(history: Message[], answer: Anthropic.Message, result: string, isError = false): Message[] {
    const call = answer.content.find((b) => b.type === 'tool_use');
    assert.ok(call, `expected a tool call, got ${JSON.stringify(answer.content)}`);
    return [...history, { role: 'assistant', content: answer.content as Loose }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: result, ...(isError ? { is_error: true } : {}) }] }];
  }

  const toolCall = (m: Anthropic.Message) => m.content.find((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use');
  const textOf = (m: Anthropic.Message) => m.content.map((b) => (b.type === 'text' ? b.text : '')).join('');

  it('first message: thinking, then Markdown with a heading, a list and a TypeScript block, ending with what to type next', async () => {
    const m = await ask([{ role: 'user', content: 'hello' }]);
    assert.deepEqual(m.content.map((b) => b.type), ['thinking', 'text']);
    const answer = textOf(m);
    assert.match(answer, /^## /);
    assert.match(answer, /\n- \*\*Thinking\*\*/);
    assert.match(answer, /```typescript\n[\s\S]+\n```/);
    assert.match(answer.split('\n').at(-1)!, /^\*\*Next:\*\* send another message/);
  });

  it('shows no thinking when the request does not ask for it, and says how to turn it on', async () => {
    const m = await ask([{ role: 'user', content: 'hello' }], { thinking: { type: 'disabled' } });
    assert.deepEqual(m.content.map((b) => b.type), ['text']);
    assert.match(textOf(m), /Thinking is off/);
  });

  it('second message: lists the folder, reads the README, proposes an edit_file on a real line, then says it was approved', async () => {
    let history: Message[] = [{ role: 'user', content: 'hello' }];
    const intro = await ask(history);
    history = [...history, { role: 'assistant', content: intro.content as Loose }, { role: 'user', content: 'next' }];
    const list = await ask(history);
    assert.deepEqual(toolCall(list)?.input, {});
    assert.equal(toolCall(list)?.name, 'list_files');

    history = answerWith(history, list, 'notes.txt\nREADME.md\nsrc/');
    const read = await ask(history);
    assert.deepEqual([toolCall(read)?.name, toolCall(read)?.input], ['read_file', { path: 'README.md' }]);

    history = answerWith(history, read, '    1| # Sample workspace\n    2| \n    3| A tiny project.');
    const edit = await ask(history);
    assert.equal(toolCall(edit)?.name, 'edit_file');
    assert.deepEqual(toolCall(edit)?.input, { path: 'README.md', old_text: '# Sample workspace', new_text: `# Sample workspace\n\n> ${TOUR_NOTE}` });

    const approved = await ask(answerWith(history, edit, 'Edited README.md (+2 lines).'));
    assert.match(textOf(approved), /You approved the change/);
    assert.match(textOf(approved), /Claude: Review Current File/);
    const rejected = await ask(answerWith(history, edit, 'The user declined the change to `README.md`; nothing was written.', true));
    assert.match(textOf(rejected), /You rejected the change\*\*, so nothing was written to `README\.md`/);
  });

  it('in code, the edit adds a comment after the first line that occurs once; JSON gets a new file instead', async () => {
    const read = (path: string, body: string): Message[] => [
      { role: 'user', content: 'tools' },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'read_file', input: { path } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: body }] },
    ];
    const ts = toolCall(await ask(read('src/a.ts', '    1| }\n    2| export const a = 1;\n    3| }')));
    assert.deepEqual(ts?.input, { path: 'src/a.ts', old_text: 'export const a = 1;', new_text: `export const a = 1;\n// ${TOUR_NOTE}` });
    const json = toolCall(await ask(read('package.json', '    1| {\n    2|   "name": "x"\n    3| }')));
    assert.equal(json?.name, 'write_file');
    assert.equal((json?.input as { path: string }).path, TOUR_NEW_FILE);
  });

  it('an empty folder gets a new file proposed; only folders at the top get a recursive listing first', async () => {
    const listed = (listing: string): Message[] => [
      { role: 'user', content: 'tools' },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'list_files', input: {} }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: listing }] },
    ];
    const empty = toolCall(await ask(listed('the workspace root is empty (ignored entries are not listed).')));
    assert.deepEqual([empty?.name, (empty?.input as { path: string }).path], ['write_file', TOUR_NEW_FILE]);
    const deeper = toolCall(await ask(listed('lib/\ntest/')));
    assert.deepEqual([deeper?.name, deeper?.input], ['list_files', { recursive: true }]);
  });

  it('a review gets findings on lines of the reviewed file, with a suggestion that keeps the flagged line', async () => {
    const file = 'import x from "y";\nvar total = 0;\nif (total == 1) console.log(x);\n';
    const review = buildReviewRequest({ target: { kind: 'file', path: 'src/app.ts', languageId: 'typescript', text: file } });
    const m = await ask([...review.messages] as Message[], { system: review.system, tools: [...review.tools] as Anthropic.Tool[], tool_choice: review.tool_choice, thinking: { type: 'disabled' } });
    const call = toolCall(m);
    assert.equal(call?.name, 'report_findings');
    const report = call!.input as { summary: string; findings: Array<{ line: number; severity: string; suggestion?: string; title: string }> };
    const lines = file.split('\n');
    assert.ok(report.findings.length >= 2, JSON.stringify(report));
    for (const finding of report.findings) assert.ok(finding.line >= 1 && finding.line <= review.scope.lastLine, `line ${finding.line} is in the file`);
    const loose = report.findings.find((x) => x.title === 'Loose equality');
    assert.equal(loose?.line, 3);
    assert.equal(loose?.suggestion, lines[2]!.replace('==', '==='));
    assert.match(report.summary, /Scripted demo review of src\/app\.ts/);
  });

  it('an empty file still gets a finding on line 1 whose quick fix adds a comment', async () => {
    const review = buildReviewRequest({ target: { kind: 'file', path: 'empty.py', languageId: 'python', text: '' } });
    const m = await ask([...review.messages] as Message[], { system: review.system, tools: [...review.tools] as Anthropic.Tool[], tool_choice: review.tool_choice, thinking: { type: 'disabled' } });
    const report = toolCall(m)!.input as { findings: Array<{ line: number; suggestion?: string; title: string }> };
    assert.deepEqual(report.findings.map((x) => [x.line, x.title]), [[1, 'The file is empty']]);
    assert.match(report.findings[0]!.suggestion ?? '', /^# Reviewed in the Claude Companion tour\.$/);
  });
});
