import assert from 'node:assert/strict';
import type { TurnRequest } from '../../src/core/claude/turnStreamer';
import { ChatSession } from '../../src/core/chat/chatSession';
import { RestoreError } from '../../src/core/chat/restoredTurns';
import { Transcript } from '../../src/core/chat/transcript';
import type { HostToWebview, UsageSnapshot } from '../../src/shared/protocol';

const AGENT_HISTORY = [
  { role: 'user', content: 'Why does the parser drop comments?' },
  {
    role: 'assistant',
    content: [
      { type: 'thinking', thinking: 'Look at the lexer first.', signature: 'sig' },
      { type: 'text', text: 'Reading the lexer.' },
      { type: 'tool_use', id: 'tu_1', name: 'read_file', input: { path: 'src/lexer.ts' } },
    ],
  },
  { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'tu_1', content: 'export function lex() {}' }] },
  { role: 'assistant', content: [{ type: 'tool_use', id: 'tu_2', name: 'read_file', input: { path: 'missing.ts' } }] },
  { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'tu_2', content: 'No such file', is_error: true }] },
  { role: 'assistant', content: [{ type: 'text', text: 'The lexer stops at EOF before the comment.' }] },
  { role: 'user', content: [{ type: 'text', text: 'Thanks!' }] },
  { role: 'assistant', content: [{ type: 'text', text: 'You are welcome.' }] },
] as const;

function setup() {
  const posted: HostToWebview[] = [];
  const requests: TurnRequest[] = [];
  const totals: UsageSnapshot[] = [];
  const session = new ChatSession(
    {
      client: {
        streamTurn: async (req) => {
          requests.push({ ...req, messages: structuredClone(req.messages) });
          return {
            messageId: 'msg_1',
            model: 'claude-sonnet-5-5',
            content: [{ type: 'text', text: 'ok' }],
            stopReason: 'end_turn',
            usage: { inputTokens: 1, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0, cacheWrite1hTokens: 0, thinkingTokens: 0 },
          };
        },
      },
      currentModel: () => 'claude-sonnet-5-5',
      hasApiKey: async () => true,
      onTotalsChanged: (t) => totals.push(t),
    },
    (m) => posted.push(m),
  );
  return { session, posted, requests, totals };
}

describe('Restoring a stored conversation', () => {
  it('shows one turn per question and per answer; an agent answer spans its tool loop', () => {
    const snap = Transcript.restore(AGENT_HISTORY).snapshot(false, true, 'claude-sonnet-5-5');
    assert.deepEqual(
      snap.turns.map((t) => t.role),
      ['user', 'assistant', 'user', 'assistant'],
    );
    const [, answer] = snap.turns;
    assert.deepEqual(
      answer!.blocks.map((b) => b.kind),
      ['thinking', 'text', 'tool_use', 'tool_use', 'text'],
    );
    assert.ok(answer!.blocks.every((b) => b.done));
    assert.equal(answer!.blocks[0]!.text, 'Look at the lexer first.');
    assert.equal(answer!.blocks[2]!.toolName, 'read_file');
    assert.deepEqual(JSON.parse(answer!.blocks[2]!.text), { path: 'src/lexer.ts' });
    assert.deepEqual(answer!.blocks[2]!.tool, { toolUseId: 'tu_1', status: 'done', result: 'export function lex() {}' });
    assert.equal(answer!.blocks[3]!.tool?.status, 'failed', 'an error result marks its card failed');
    assert.equal(snap.turns[2]!.blocks[0]!.text, 'Thanks!');
    assert.ok(snap.turns.every((t) => t.status === 'done'));
    assert.equal(new Set(snap.turns.map((t) => t.id)).size, 4, 'turn ids are unique');
  });

  it('load() posts a snapshot of the restored turns and the next question sends the stored history', async () => {
    const { session, posted, requests, totals } = setup();
    await session.send('before');
    posted.length = 0;
    const count = await session.load(AGENT_HISTORY);
    assert.equal(count, 4);
    const snapshot = posted.find((m) => m.type === 'snapshot');
    assert.ok(snapshot?.type === 'snapshot');
    assert.equal(snapshot.chat.turns.length, 4);
    assert.equal(snapshot.chat.totals.requests, 0);
    assert.equal(totals.at(-1)?.requests, 0, 'the status bar total starts over');
    await session.send('One more question');
    assert.deepEqual(requests.at(-1)!.messages, [...AGENT_HISTORY, { role: 'user', content: 'One more question' }]);
    const added = posted.filter((m) => m.type === 'turnAdded');
    assert.ok(added.every((m) => m.type === 'turnAdded' && !['t1', 't2', 't3', 't4'].includes(m.turn.id)), 'new turns get fresh ids');
  });

  it('a malformed message is rejected with its index and the current conversation is kept', async () => {
    const { session } = setup();
    await session.send('keep me');
    const bad = [{ role: 'user', content: 'fine' }, { role: 'assistant', content: [{ text: 'no type' }] }] as const;
    await assert.rejects(session.load(bad), (err: unknown) => err instanceof RestoreError && err.messageIndex === 1);
    const snap = await session.snapshot();
    assert.equal(snap.turns[0]!.blocks[0]!.text, 'keep me');
  });

  it('restores 1,000 turns quickly', () => {
    const history = [];
    for (let i = 0; i < 500; i++) {
      history.push({ role: 'user' as const, content: `Question ${i}` });
      history.push({ role: 'assistant' as const, content: [{ type: 'text', text: `Answer ${i} `.repeat(50) }] });
    }
    const t0 = performance.now();
    const snap = Transcript.restore(history).snapshot(false, true, 'm');
    assert.equal(snap.turns.length, 1000);
    assert.ok(performance.now() - t0 < 500);
  });
});
