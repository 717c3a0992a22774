// Builders for API histories in the context-management tests.
import type { ApiMessage } from '../../../src/core/claude/turnStreamer';

export const user = (text: string): ApiMessage => ({ role: 'user', content: text });
export const assistant = (text: string): ApiMessage => ({ role: 'assistant', content: [{ type: 'text', text }] });
export const thinkingCall = (id: string, thought = `Thinking about ${id}.`): ApiMessage => ({
  role: 'assistant',
  content: [
    { type: 'thinking', thinking: thought, signature: `sig-${id}` },
    { type: 'tool_use', id, name: 'read_file', input: { path: `${id}.ts` } },
  ],
});
export const call = (...ids: string[]): ApiMessage => ({ role: 'assistant', content: ids.map((id) => ({ type: 'tool_use', id, name: 'read_file', input: { path: `${id}.ts` } })) });
export const results = (ids: readonly string[], content = 'ok'): ApiMessage => ({ role: 'user', content: ids.map((id) => ({ type: 'tool_result', tool_use_id: id, content })) });

/** Fails when the messages break the rules the API enforces (and strict alternation). */
export function assertValidShape(messages: readonly ApiMessage[]): void {
  const blocks = (m: ApiMessage | undefined) => (m && Array.isArray(m.content) ? (m.content as Array<Record<string, unknown>>) : []);
  if (messages[0]?.role !== 'user') throw new Error('the first message is not the user\'s');
  messages.forEach((m, i) => {
    if (i > 0 && messages[i - 1]!.role === m.role) throw new Error(`messages ${i - 1} and ${i} are both ${m.role}`);
    const uses = blocks(m).filter((b) => b['type'] === 'tool_use').map((b) => b['id']);
    const answered = new Set(blocks(messages[i + 1]).filter((b) => b['type'] === 'tool_result').map((b) => b['tool_use_id']));
    for (const id of uses) if (i < messages.length - 1 && !answered.has(id)) throw new Error(`tool_use ${String(id)} in message ${i} has no result after it`);
    const asked = new Set(blocks(messages[i - 1]).filter((b) => b['type'] === 'tool_use').map((b) => b['id']));
    for (const r of blocks(m).filter((b) => b['type'] === 'tool_result')) if (!asked.has(r['tool_use_id'])) throw new Error(`tool_result in message ${i} answers nothing before it`);
  });
}
