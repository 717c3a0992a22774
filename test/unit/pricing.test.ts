import assert from 'node:assert/strict';
import { costOf, formatUsd } from '../../src/core/usage/pricing';
import { EMPTY_TOTALS, addUsage } from '../../src/core/usage/usageTotals';

const M = 1_000_000;
const close = (a: number | undefined, b: number) => assert.ok(a !== undefined && Math.abs(a - b) < 1e-9, `${a} ≈ ${b}`);

describe('pricing', () => {
  it('prices input, output, cache writes (5 m and 1 h) and reads per model', () => {
    const usage = { inputTokens: M, outputTokens: M, cacheReadTokens: M, cacheWriteTokens: 2 * M, cacheWrite1hTokens: M };
    const opus = costOf('claude-opus-5-5', usage)!;
    close(opus.input, 4);
    close(opus.output, 20);
    close(opus.cacheRead, 0.4);
    close(opus.cacheWrite, 5 + 8);
    close(opus.total, 4 + 20 + 0.4 + 13);
    close(costOf('claude-sonnet-5-5', { inputTokens: M, outputTokens: M, cacheReadTokens: 0, cacheWriteTokens: 0 })?.total, 12);
  });

  it('prices Haiku 5.5 by tier: the whole request at the higher rate above 100K prompt tokens', () => {
    close(costOf('claude-haiku-5-5', { inputTokens: 100_000, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 })?.total, 0.01);
    close(costOf('claude-haiku-5-5', { inputTokens: 100_001, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 })?.total, 100_001 * 0.5 / M);
  });

  it('halves batch prices, knows dated ids, and returns undefined for unknown models', () => {
    close(costOf('claude-sonnet-5-5', { inputTokens: M, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 }, { batch: true })?.total, 1);
    close(costOf('claude-sonnet-5-5-20261001', { inputTokens: M, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 })?.total, 2);
    assert.equal(costOf('gpt-9', { inputTokens: 1, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0 }), undefined);
  });

  it('adds up totals and marks them incomplete when a price is unknown', () => {
    let t = addUsage(EMPTY_TOTALS, 'claude-sonnet-5-5', { inputTokens: 10, outputTokens: 5, cacheReadTokens: 100, cacheWriteTokens: 0, thinkingTokens: 2 });
    t = addUsage(t, 'mystery-model', { inputTokens: 1, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0, thinkingTokens: 0 });
    assert.equal(t.requests, 2);
    assert.equal(t.cacheReadTokens, 100);
    assert.equal(t.costComplete, false);
    close(t.cost.total, (10 * 2 + 5 * 10 + 100 * 0.2) / M);
  });

  it('formats small and large amounts', () => {
    assert.equal(formatUsd(0), '$0.00');
    assert.equal(formatUsd(0.00123), '$0.0012');
    assert.equal(formatUsd(0.42), '$0.42');
    assert.equal(formatUsd(0.0081), '$0.0081');
    assert.equal(formatUsd(0.00001), '<$0.0001');
    assert.equal(formatUsd(1.5), '$1.50');
  });
});
