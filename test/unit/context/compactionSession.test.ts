// Context management end to end in the unit tier: the real ChatSession and ClaudeClient against the fake
// API with strict role checks, a small context window so a few turns pass the threshold.
import assert from 'node:assert/strict';
import { ChatSession } from '../../../src/core/chat/chatSession';
import type { AgentHooks } from '../../../src/core/chat/agentTurn';
import { ClaudeClient } from '../../../src/core/claude/claudeClient';
import type { RequestRecord } from '../../../src/core/claude/requestRecord';
import { DEFAULT_SETTINGS } from '../../../src/core/claude/settings';
import { Compactor } from '../../../src/core/context/compactor';
import { DEFAULT_LIMITS } from '../../../src/core/agent/agentTypes';
import type { ApprovalPort } from '../../../src/core/tools/toolTypes';
import type { HostToWebview } from '../../../src/shared/protocol';
import { byModel, echoScenario, fakeSignature, httpError, text, toolUse, type RecordedRequest, type Scenario } from '../../fake-anthropic';
import { useFakeAnthropic } from '../../support/useFakeAnthropic';
import { done, stubContext, tool } from '../agent/agentHarness';

const CHAT_MODEL = 'claude-sonnet-5-5';
const SUMMARY_MODEL = 'claude-haiku-5-5';
const SUMMARY = 'SUMMARY: the user asked a series of long questions.';

type Body = { model: string; stream?: boolean; tools?: unknown[]; system?: unknown; messages: Array<{ role: string; content: unknown }> };
const bodyOf = (r: RecordedRequest) => r.body as Body;
const blocks = (content: unknown) => (Array.isArray(content) ? (content as Array<Record<string, unknown>>) : []);

function setup(f: ReturnType<typeof useFakeAnthropic>, opts: { window: number; keep?: number; agent?: AgentHooks }) {
  const records: RequestRecord[] = [];
  const logs: string[] = [];
  const posted: HostToWebview[] = [];
  const client = new ClaudeClient({
    getSettings: () => ({ ...DEFAULT_SETTINGS, apiBaseUrl: f.fake.url, maxRetries: 0, fallbackModels: [] }),
    getApiKey: async () => 'sk-test',
    onRequestLog: (r) => records.push(r),
  });
  const compactor = new Compactor({
    service: client,
    settings: () => ({ threshold: 0.8, keepRecentMessages: opts.keep ?? 4, summaryModel: SUMMARY_MODEL }),
    contextWindow: () => opts.window,
    log: (m) => logs.push(m),
  });
  const session = new ChatSession(
    { client, currentModel: () => CHAT_MODEL, hasApiKey: async () => true, compactor, contextWindow: () => opts.window, ...(opts.agent ? { agent: async () => opts.agent! } : {}) },
    (m) => posted.push(m),
  );
  return { session, records, logs, posted };
}

function requests(f: ReturnType<typeof useFakeAnthropic>) {
  const all = f.fake.requests;
  const messages = all.filter((r) => r.path === '/v1/messages');
  return {
    chat: messages.filter((r) => bodyOf(r).model === CHAT_MODEL),
    summaries: messages.filter((r) => bodyOf(r).model === SUMMARY_MODEL),
    counts: all.filter((r) => r.path === '/v1/messages/count_tokens'),
    messages,
  };
}

function assertAllAccepted(list: readonly RecordedRequest[]): void {
  for (const r of list) assert.equal(r.status, 200, `request ${r.requestId} got ${r.status}: ${JSON.stringify(r.body).slice(0, 300)}`);
}

const question = (i: number) => `Question ${i}: ${'Tell me more about the parser and its edge cases. '.repeat(30)}`;

describe('context management against the fake API', () => {
  const f = useFakeAnthropic({ server: { strictRoles: true } });
  beforeEach(() => f.fake.setDefault(byModel({ [SUMMARY_MODEL]: text(SUMMARY) }, echoScenario)));

  it('compacts a long chat before the request that would pass the threshold: every request valid, the summary from the cheaper model', async () => {
    const { session, posted, records } = setup(f, { window: 6000 });
    for (let i = 1; i <= 12; i++) await session.send(question(i));
    const { chat, summaries, counts, messages } = requests(f);
    assertAllAccepted(messages);
    assert.ok(summaries.length >= 2, `${summaries.length} summaries`);
    for (const s of summaries) {
      const body = bodyOf(s);
      assert.equal(body.stream, undefined, 'the summary is one short non-streaming request');
      assert.equal(body.tools, undefined);
    }
    assert.match(JSON.stringify(bodyOf(summaries[0]!).messages), /Question 1:/);
    assert.match(JSON.stringify(bodyOf(summaries[1]!).messages), /<earlier_summary>/, 'the second summary folds in the first');

    const last = bodyOf(chat.at(-1)!).messages;
    assert.match(JSON.stringify(last[0]), /<conversation_summary>\\nSUMMARY:/);
    assert.equal(last[1]!.role, 'assistant');
    assert.match(JSON.stringify(last.at(-1)), /Question 12:/);
    assert.ok(last.length < 24, `sent ${last.length} messages, not the whole history`);
    assert.ok(counts.length > 0 && counts.every((c) => c.status === 200), 'count_tokens was asked near the threshold');
    assert.ok(records.some((r) => r.kind === 'count_tokens' && r.outcome === 'done'));
    assert.ok(records.some((r) => r.kind === 'summary' && r.model === SUMMARY_MODEL && r.outcome === 'done'));

    // The panel keeps the whole conversation and shows where the summaries stand in.
    const snap = await session.snapshot();
    assert.equal(snap.turns.length, 24);
    assert.ok((snap.compactions?.length ?? 0) >= 2);
    for (const c of snap.compactions ?? []) {
      assert.equal(snap.turns.find((t) => t.id === c.beforeTurnId)?.role, 'user');
      assert.equal(c.model, SUMMARY_MODEL);
      assert.equal(c.summary, SUMMARY);
    }
    assert.ok(posted.some((m) => m.type === 'compacted'));
    assert.ok(posted.some((m) => m.type === 'compacting' && m.active));
    assert.equal(snap.totals.requests, chat.length + summaries.length, 'the summaries are in the conversation\'s usage');
  });

  it('agent tool loops across compactions: tool pairs intact, thinking kept, old results trimmed', async () => {
    const fileText = (path: string) => `// ${path}\n${'export const value = 42; // a long line of code\n'.repeat(60)}`;
    const readFile = tool('read_file', 'read', async (input) => done(fileText(String((input as { path?: unknown }).path))));
    const approvals: ApprovalPort = { requestApproval: async () => ({ approved: false }) };
    const agent: AgentHooks = {
      tools: () => [readFile],
      createContext: (signal) => stubContext(signal),
      limits: () => DEFAULT_LIMITS,
      approvals,
      autoApproveReads: () => true,
      confirmRead: async () => true,
    };
    let call = 0;
    // Two reads per task, each after some thinking, then an answer.
    const agentAnswer: Scenario = (req) => {
      const msgs = bodyOf(req).messages;
      let rounds = 0;
      for (let i = msgs.length - 1; i >= 0 && blocks(msgs[i]!.content).some((b) => b['type'] === 'tool_result'); i -= 2) rounds++;
      if (rounds >= 2) return text(`Read ${rounds} files.`);
      call++;
      return toolUse({ name: 'read_file', input: { path: `src/file${call}.ts` } }, { thinking: `I should read file ${call}.` });
    };
    f.fake.setDefault(byModel({ [SUMMARY_MODEL]: text(SUMMARY) }, agentAnswer));
    const { session, logs } = setup(f, { window: 5000, agent });
    // Long enough that trimming old tool results alone stops being enough after a few tasks.
    for (let i = 1; i <= 8; i++) await session.send(`Task ${i}: read two files. ${'Context about the task that matters. '.repeat(60)}`);

    const { chat, summaries, messages } = requests(f);
    assertAllAccepted(messages);
    assert.equal(chat.length, 8 * 3);
    assert.ok(summaries.length >= 1, `${summaries.length} summaries`);
    assert.ok(logs.some((l) => /trimmed old tool results/.test(l)), 'trimming alone was enough at first');
    assert.ok(chat.some((r) => JSON.stringify(bodyOf(r).messages).includes('[trimmed: ')), 'old large tool results were trimmed');
    assert.ok(chat.some((r) => JSON.stringify(bodyOf(r).messages[0]).includes('<conversation_summary>')));
    for (const r of chat) {
      const msgs = bodyOf(r).messages;
      const lastBlocks = blocks(msgs.at(-1)!.content);
      if (!lastBlocks.some((b) => b['type'] === 'tool_result')) continue;
      // Mid tool loop: the assistant turn being answered goes back with its thinking first, signature intact.
      const first = blocks(msgs.at(-2)!.content)[0]!;
      assert.equal(first['type'], 'thinking');
      assert.equal(first['signature'], fakeSignature(String(first['thinking'])));
    }
    const snap = await session.snapshot();
    assert.equal(snap.turns.length, 16, 'each task is one user and one assistant turn in the panel');
  });

  it('falls back to the local estimate when count_tokens fails, and still compacts in time', async () => {
    f.fake.failCountTokens(httpError(500));
    const { session, logs, records } = setup(f, { window: 6000 });
    for (let i = 1; i <= 9; i++) await session.send(question(i));
    const { summaries, counts, messages } = requests(f);
    assertAllAccepted(messages);
    assert.ok(counts.length > 0 && counts.every((c) => c.status === 500), 'count_tokens was tried and failed');
    assert.ok(summaries.length >= 1, 'compaction still happened on the estimate');
    assert.ok(logs.some((l) => /count_tokens unavailable/.test(l)), logs.join('\n'));
    assert.ok(records.some((r) => r.kind === 'count_tokens' && r.outcome === 'error' && r.status === 500));
  });

  it('Compact on request: summarizes below the threshold, and says when there is nothing to compact', async () => {
    const { session, posted } = setup(f, { window: 1_000_000 });
    await session.send('first question');
    await session.compact();
    assert.deepEqual(posted.filter((m) => m.type === 'compacting').at(-1), { type: 'compacting', active: false, result: 'nothing' });
    assert.equal(requests(f).summaries.length, 0);

    await session.send('second question');
    await session.send('third question');
    posted.length = 0;
    await session.compact();
    const compacted = posted.find((m): m is Extract<HostToWebview, { type: 'compacted' }> => m.type === 'compacted');
    assert.ok(compacted, 'the panel gets the summary block');
    const snap = await session.snapshot();
    assert.equal(compacted.compaction.beforeTurnId, snap.turns[2]!.id, 'keeping 4 messages leaves the last two exchanges in full');
    assert.equal(compacted.compaction.messages, 2);
    assert.deepEqual(posted.filter((m) => m.type === 'compacting'), [{ type: 'compacting', active: true }, { type: 'compacting', active: false, result: 'summarized' }]);
    assert.ok(posted.some((m) => m.type === 'context' && m.context.estimated));
    assert.equal(requests(f).counts.length, 0, 'a manual compaction does not count first');

    await session.send('fourth question');
    const { chat, messages } = requests(f);
    assertAllAccepted(messages);
    const sent = bodyOf(chat.at(-1)!).messages;
    assert.match(JSON.stringify(sent[0]), /<conversation_summary>/);
    assert.deepEqual(
      sent.slice(2).map((m) => m.role),
      ['user', 'assistant', 'user', 'assistant', 'user'],
    );
    assert.match(JSON.stringify(sent[2]), /second question/);
  });
});
