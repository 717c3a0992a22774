// The loop's pure parts: the cost estimate, the repeated-failure tracker and the stop-reason mapping.
import assert from 'node:assert/strict';
import { CostMeter, estimateTokens, estimatedNextUsage } from '../../../src/core/agent/costEstimate';
import { stopAction } from '../../../src/core/agent/endReasons';
import { RepeatedFailureTracker, canonicalJson } from '../../../src/core/agent/failureTracker';
import type { TurnResult, TurnUsage } from '../../../src/core/claude/streamEvents';
import { costOf } from '../../../src/core/usage/pricing';

const usage = (u: Partial<TurnUsage>): TurnUsage => ({ inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, cacheWrite1hTokens: 0, thinkingTokens: 0, ...u });
const price = (model: string, u: TurnUsage) => costOf(model, u)?.total;

describe('agent loop parts', () => {
  describe('cost estimate', () => {
    it('prices the next request as the previous prompt re-read, the new tokens written, and the same output', () => {
      const previous = usage({ inputTokens: 1_000, cacheReadTokens: 50_000, cacheWriteTokens: 4_000, outputTokens: 700 });
      assert.deepEqual(estimatedNextUsage(previous, 300), usage({ cacheReadTokens: 55_000, cacheWriteTokens: 300, outputTokens: 700 }));
    });

    it('counts new messages at ~4 characters a token', () => {
      assert.equal(estimateTokens([]), 0);
      const messages = [{ role: 'user' as const, content: 'x'.repeat(400) }];
      assert.equal(estimateTokens(messages), Math.ceil(JSON.stringify(messages).length / 4));
    });

    it('flags the next request only when spent + estimate would pass the limit', () => {
      const meter = new CostMeter(0.3, price);
      const first = usage({ inputTokens: 100_000, outputTokens: 1_000 });
      meter.add('claude-sonnet-5-5', first); // $0.21
      assert.ok(Math.abs(meter.spentUsd - 0.21) < 1e-9);
      assert.equal(meter.exceeded('claude-sonnet-5-5', first, []), undefined, '$0.21 + $0.03 ≤ $0.30');
      meter.add('claude-sonnet-5-5', first);
      assert.match(meter.exceeded('claude-sonnet-5-5', first, []) ?? '', /\$0\.42 of its \$0\.30 limit/);
    });

    it('no limit (0) or an unknown price never stops', () => {
      const big = usage({ inputTokens: 10_000_000 });
      const unlimited = new CostMeter(0, price);
      unlimited.add('claude-opus-5-5', big);
      assert.equal(unlimited.exceeded('claude-opus-5-5', big, []), undefined);
      const unpriced = new CostMeter(0.01, price);
      unpriced.add('some-future-model', big);
      assert.equal(unpriced.exceeded('some-future-model', big, []), undefined);
    });
  });

  describe('repeated failures', () => {
    it('canonical JSON ignores key order at every level', () => {
      assert.equal(canonicalJson({ b: 1, a: { d: [1, { f: 1, e: 2 }], c: 2 } }), canonicalJson({ a: { c: 2, d: [1, { e: 2, f: 1 }] }, b: 1 }));
      assert.notEqual(canonicalJson({ a: [1, 2] }), canonicalJson({ a: [2, 1] }));
    });

    it('stops on the nth failure in a row of the same call; a success of that call resets it', () => {
      const t = new RepeatedFailureTracker(3);
      assert.equal(t.record('read', { p: 'a' }, true), undefined);
      assert.equal(t.record('read', { p: 'a' }, true), undefined);
      assert.equal(t.record('read', { p: 'a' }, false), undefined, 'success resets');
      assert.equal(t.record('read', { p: 'a' }, true), undefined);
      assert.equal(t.record('read', { p: 'b' }, true), undefined, 'another call has its own count');
      assert.equal(t.record('grep', { p: 'a' }, true), undefined, 'same input, other tool: another call');
      assert.equal(t.record('read', { p: 'a' }, true), undefined);
      assert.deepEqual(t.record('read', { p: 'a' }, true), { name: 'read', count: 3 });
    });

    it('0 turns the check off', () => {
      const t = new RepeatedFailureTracker(0);
      for (let i = 0; i < 10; i++) assert.equal(t.record('read', {}, true), undefined);
    });
  });

  describe('stop reasons', () => {
    const result = (stopReason: string | null): TurnResult => ({ messageId: 'm', model: 'x', content: [], stopReason, usage: usage({}) });
    it('maps each stop reason to what the loop does', () => {
      assert.deepEqual(stopAction(result('tool_use'), true), { kind: 'tools' });
      assert.deepEqual(stopAction(result('tool_use'), false), { kind: 'end', reason: 'end_turn' });
      assert.deepEqual(stopAction(result('pause_turn'), false), { kind: 'resume' });
      assert.deepEqual(stopAction(result('pause_turn'), true), { kind: 'tools' });
      assert.equal(stopAction(result(null), false).kind, 'end');
      assert.deepEqual(stopAction(result('some_new_reason'), false), { kind: 'end', reason: 'end_turn' });
      const refused = stopAction(result('refusal'), false);
      assert.ok(refused.kind === 'end' && refused.reason === 'refusal' && refused.detail);
    });
  });
});
