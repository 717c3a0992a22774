// The usage line under a turn is built from translatable parts (strings.usage); in English it must
// read exactly as before they moved there.
import assert from 'node:assert/strict';
import type { UsageSnapshot } from '../../../src/shared/protocol';
import { formatUsd } from '../../../src/shared/money';
import { usageLine } from '../../../src/webview/format';

const usage = (u: Partial<UsageSnapshot>): UsageSnapshot => ({ requests: 1, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, thinkingTokens: 0, costUsd: 0.0031, costComplete: true, ...u });

describe('usageLine', () => {
  const cost = formatUsd(0.0031);

  it('names input and output, and the cache parts only when there are some', () => {
    assert.equal(usageLine(usage({ inputTokens: 134, outputTokens: 56 })), `134 in · 56 out · ${cost}`);
    assert.equal(usageLine(usage({ inputTokens: 134, cacheReadTokens: 800, cacheWriteTokens: 300, outputTokens: 56 })), `1,234 in (800 cache read, 300 cache write) · 56 out · ${cost}`);
    assert.equal(usageLine(usage({ inputTokens: 10, cacheReadTokens: 800, outputTokens: 5 })), `810 in (800 cache read) · 5 out · ${cost}`);
    assert.equal(usageLine(usage({ inputTokens: 10, cacheWriteTokens: 300, outputTokens: 5 })), `310 in (300 cache write) · 5 out · ${cost}`);
  });

  it('marks an incomplete cost with "+" and counts requests past the first', () => {
    assert.equal(usageLine(usage({ inputTokens: 12_000, outputTokens: 5, costComplete: false, requests: 3 })), `12K in · 5 out · ${cost}+ · 3 requests`);
  });
});
