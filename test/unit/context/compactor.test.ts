import assert from 'node:assert/strict';
import { TurnFailure, type ApiMessage } from '../../../src/core/claude/turnStreamer';
import { Compactor } from '../../../src/core/context/compactor';
import type { CompactionState } from '../../../src/core/context/compactedView';
import type { Compaction } from '../../../src/core/context/compactionTypes';
import type { CompactionSettings, ContextService, SummaryRequest, TokenCountRequest } from '../../../src/core/context/contextService';
import { estimateTokens } from '../../../src/core/context/tokenEstimate';
import { assertValidShape, assistant, call, results, user } from './history';

const USAGE = { inputTokens: 100, outputTokens: 20, cacheReadTokens: 0, cacheWriteTokens: 0, cacheWrite1hTokens: 0, thinkingTokens: 0 };

function service(overrides: Partial<ContextService> = {}) {
  const counts: TokenCountRequest[] = [];
  const summaries: SummaryRequest[] = [];
  const svc: ContextService = {
    countTokens: async (r) => {
      counts.push(r);
      return estimateTokens({ messages: r.messages });
    },
    summarize: async (r) => {
      summaries.push(r);
      return { text: `Summary #${summaries.length}`, model: r.model, usage: USAGE };
    },
    ...overrides,
  };
  return { svc, counts, summaries };
}

/** A conversation of `turns` question/answer pairs of about `chars` characters each. */
function conversation(turns: number, chars = 400, tag = ''): ApiMessage[] {
  return Array.from({ length: turns }, (_, i) => [user(`Q${tag}${i} ${'q'.repeat(chars)}`), assistant(`A${tag}${i} ${'a'.repeat(chars)}`)]).flat();
}

function setup(window: number, svc?: ContextService, settings: Partial<CompactionSettings> = {}) {
  const logs: string[] = [];
  const compactor = new Compactor({
    ...(svc ? { service: svc } : {}),
    settings: () => ({ threshold: 0.8, keepRecentMessages: 4, summaryModel: 'claude-haiku-5-5', ...settings }),
    contextWindow: () => window,
    log: (m) => logs.push(m),
    now: () => 42,
  });
  const state: CompactionState = { compactions: [], trimmedThrough: 0 };
  const prepare = (messages: readonly ApiMessage[], extra: { force?: boolean; signal?: AbortSignal; onCompacted?: (c: Compaction) => void } = {}) =>
    compactor.prepare({ state, messages, model: 'claude-sonnet-5-5', signal: extra.signal ?? new AbortController().signal, ...extra });
  return { compactor, state, logs, prepare };
}

describe('Compactor', () => {
  it('sends the history as it is while far below the threshold, without asking count_tokens', async () => {
    const s = service();
    const { prepare } = setup(1_000_000, s.svc);
    const history = conversation(3);
    const prepared = await prepare(history);
    assert.equal(prepared.outcome, 'none');
    assert.deepEqual(prepared.messages, history);
    assert.equal(s.counts.length, 0);
    assert.equal(prepared.exact, false);
  });

  it('asks count_tokens once the estimate nears the limit, and trusts its answer', async () => {
    const history = conversation(6);
    const estimate = estimateTokens({ messages: history });
    const s = service({ countTokens: async () => 10 });
    const { prepare } = setup(Math.ceil(estimate / 0.8 / 0.6), s.svc);
    const prepared = await prepare(history);
    assert.equal(prepared.outcome, 'none', 'count_tokens said 10 tokens');
    assert.equal(prepared.tokens, 10);
    assert.equal(prepared.exact, true);
  });

  it('falls back to the estimate (and logs why) when count_tokens fails', async () => {
    const history = conversation(6);
    const s = service({ countTokens: async () => Promise.reject(new Error('404 not_found_error')) });
    const { prepare, logs, state } = setup(1000, s.svc);
    const prepared = await prepare(history);
    assert.equal(prepared.outcome, 'summarized');
    assert.equal(state.compactions.length, 1);
    assert.ok(logs.some((l) => /count_tokens unavailable .*404 not_found_error.*estimate/.test(l)), logs.join('\n'));
  });

  it('past the threshold summarizes everything before the recent messages with the summary model', async () => {
    const s = service();
    const seen: Compaction[] = [];
    const { prepare, state } = setup(1000, s.svc);
    const history = conversation(6);
    const prepared = await prepare(history, { onCompacted: (c) => seen.push(c) });
    assert.equal(prepared.outcome, 'summarized');
    assert.deepEqual(state.compactions, [{ summary: 'Summary #1', throughMessage: 8, model: 'claude-haiku-5-5', createdAt: 42 }]);
    assert.deepEqual(seen, state.compactions);
    assert.equal(s.summaries[0]!.model, 'claude-haiku-5-5');
    assert.match(s.summaries[0]!.prompt, /Q0 /);
    assert.doesNotMatch(s.summaries[0]!.prompt, /Q4 /, 'the kept messages are not summarized');
    assert.deepEqual(prepared.messages.slice(2), history.slice(8));
    assertValidShape(prepared.messages);

    // Later: the next summary folds in the first and covers only what came since.
    const longer = [...history, ...conversation(4, 400, 'later')];
    const again = await prepare(longer);
    assert.equal(again.outcome, 'summarized');
    assert.equal(state.compactions[1]!.throughMessage, 16);
    assert.match(s.summaries[1]!.prompt, /<earlier_summary>\nSummary #1/);
    assert.doesNotMatch(s.summaries[1]!.prompt, /Q1 q/, 'messages the first summary covered are not sent again');
    assert.match(s.summaries[1]!.prompt, /Q4 q/);
    assert.match(s.summaries[1]!.prompt, /Qlater0 q/);
    assert.match(JSON.stringify(again.messages[0]), /Summary #2/);
  });

  it('trims old large tool results first, which may be enough', async () => {
    const bigResult = 'r'.repeat(20_000);
    const history = [user('read it'), call('t1'), results(['t1'], bigResult), assistant('Read.'), user('and now?'), assistant('Now this.'), user('ok'), assistant('fine')];
    const s = service();
    const { prepare, state } = setup(Math.ceil(estimateTokens({ messages: history }) / 0.8) - 10, s.svc);
    const prepared = await prepare(history);
    assert.equal(prepared.outcome, 'trimmed');
    assert.equal(s.summaries.length, 0, 'no summary needed');
    assert.equal(state.trimmedThrough, 4);
    assert.match(JSON.stringify(prepared.messages[2]), /\[trimmed: 20000 chars\]/);
    assertValidShape(prepared.messages);
  });

  it('leaves the conversation as it is when the summary fails, and says why', async () => {
    const s = service({ summarize: async () => Promise.reject(new TurnFailure({ kind: 'overloaded', title: 'Overloaded.', detail: '', actions: [], status: 529 }, false)) });
    const { prepare, state, logs } = setup(1000, s.svc);
    const history = conversation(6);
    const prepared = await prepare(history);
    assert.equal(prepared.outcome, 'failed');
    assert.match(prepared.detail ?? '', /overloaded 529/);
    assert.deepEqual(prepared.messages, history);
    assert.equal(state.compactions.length, 0);
    assert.ok(logs.some((l) => /summarizing with claude-haiku-5-5 failed/.test(l)));
  });

  it('compacts on request below the threshold, and says when there is nothing to compact', async () => {
    const s = service();
    const { prepare, state } = setup(1_000_000, s.svc);
    assert.equal((await prepare(conversation(2), { force: true })).outcome, 'nothing_to_compact');
    const prepared = await prepare(conversation(4), { force: true });
    assert.equal(prepared.outcome, 'summarized');
    assert.equal(state.compactions[0]!.throughMessage, 4);
    assert.equal(s.counts.length, 0, 'a manual compaction does not count first');
  });

  it('a Stop during the summary rejects with a user-abort TurnFailure', async () => {
    const controller = new AbortController();
    const s = service({
      summarize: (r) =>
        new Promise((_resolve, reject) => {
          r.signal.addEventListener('abort', () => reject(new TurnFailure({ kind: 'stopped', title: 'Stopped.', detail: '', actions: [] }, true)));
          controller.abort();
        }),
    });
    const { prepare } = setup(1000, s.svc);
    await assert.rejects(prepare(conversation(6), { signal: controller.signal }), (e: unknown) => TurnFailure.is(e) && e.userAbort);
  });
});
