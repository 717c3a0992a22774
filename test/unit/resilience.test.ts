// Circuit breaker, retry notices, fallback chain and log redaction (pure logic).
import assert from 'node:assert/strict';
import { CircuitBreaker } from '../../src/core/claude/circuitBreaker';
import { fallbackCandidates, shouldFallBack } from '../../src/core/claude/fallbackPolicy';
import { redactSecrets } from '../../src/core/claude/redact';
import { retryNotice } from '../../src/core/claude/retryNotice';

const headers = (h: Record<string, string>) => new Headers(h);

describe('circuit breaker', () => {
  it('opens after 5 consecutive failures for 30 s, then lets exactly one probe through', () => {
    let now = 0;
    const b = new CircuitBreaker(5, 30_000, () => now);
    for (let i = 0; i < 4; i++) {
      assert.ok(b.tryAcquire('m'));
      b.recordFailure('m');
    }
    assert.equal(b.state('m'), 'closed');
    assert.ok(b.tryAcquire('m'));
    b.recordFailure('m');
    assert.equal(b.state('m'), 'open');
    assert.equal(b.tryAcquire('m'), false);
    assert.equal(b.retryInSeconds('m'), 30);
    now = 30_000;
    assert.equal(b.state('m'), 'half-open');
    assert.equal(b.tryAcquire('m'), true, 'one probe');
    assert.equal(b.tryAcquire('m'), false, 'only one');
    b.recordFailure('m');
    assert.equal(b.state('m'), 'open', 'a failed probe re-opens it');
    now = 60_000;
    assert.ok(b.tryAcquire('m'));
    b.recordSuccess('m');
    assert.equal(b.state('m'), 'closed');
  });

  it('a success resets the count; models are independent; a released probe can be retried', () => {
    let now = 0;
    const b = new CircuitBreaker(2, 1000, () => now);
    b.recordFailure('a');
    b.recordSuccess('a');
    b.recordFailure('a');
    assert.equal(b.state('a'), 'closed');
    b.recordFailure('b');
    b.recordFailure('b');
    assert.equal(b.state('b'), 'open');
    assert.equal(b.state('a'), 'closed');
    now = 1000;
    assert.ok(b.tryAcquire('b'));
    b.release('b');
    assert.ok(b.tryAcquire('b'), 'a stopped probe does not block the next one');
  });
});

describe('retry notice', () => {
  it('honours retry-after-ms, then retry-after seconds or date, else the SDK backoff bound', () => {
    assert.deepEqual(retryNotice(429, headers({ 'retry-after-ms': '1500' }), 0, 2), { attempt: 1, maxRetries: 2, status: 429, delayMs: 1500, serverSaid: true });
    assert.equal(retryNotice(429, headers({ 'retry-after': '3' }), 0, 2)?.delayMs, 3000);
    assert.equal(retryNotice(429, headers({ 'retry-after': new Date(10_000).toUTCString() }), 0, 2, 4000)?.delayMs, 6000);
    assert.deepEqual(retryNotice(529, headers({}), 1, 2), { attempt: 2, maxRetries: 2, status: 529, delayMs: 1000, serverSaid: false });
  });

  it('says nothing when the SDK will not retry', () => {
    assert.equal(retryNotice(429, headers({}), 2, 2), undefined, 'retries exhausted');
    assert.equal(retryNotice(400, headers({}), 0, 2), undefined);
    assert.equal(retryNotice(500, headers({ 'x-should-retry': 'false' }), 0, 2), undefined);
    assert.ok(retryNotice(400, headers({ 'x-should-retry': 'true' }), 0, 2));
  });
});

describe('fallback policy', () => {
  const chain = ['claude-opus-5-5', 'claude-sonnet-5-5', 'claude-haiku-5-5'];
  it('falls down the chain from the selected model, never up', () => {
    assert.deepEqual(fallbackCandidates('claude-opus-5-5', chain), chain);
    assert.deepEqual(fallbackCandidates('claude-sonnet-5-5', chain), ['claude-sonnet-5-5', 'claude-haiku-5-5']);
    assert.deepEqual(fallbackCandidates('claude-haiku-5-5', chain), ['claude-haiku-5-5']);
    assert.deepEqual(fallbackCandidates('custom', chain), ['custom', ...chain]);
    assert.deepEqual(fallbackCandidates('claude-sonnet-5-5', []), ['claude-sonnet-5-5']);
  });

  it('moves on overload, timeouts, server errors and an open breaker only', () => {
    for (const kind of ['overloaded', 'timeout', 'stalled', 'server', 'circuit_open']) assert.ok(shouldFallBack({ kind, title: '', detail: '', actions: [] }), kind);
    for (const kind of ['authentication', 'invalid_request', 'rate_limit', 'not_found', 'connection']) assert.ok(!shouldFallBack({ kind, title: '', detail: '', actions: [] }), kind);
  });
});

describe('log redaction', () => {
  it('masks anything shaped like an Anthropic key', () => {
    const line = JSON.stringify({ note: 'key sk-ant-api03-AbCdEf012345_-xyz in text' });
    assert.ok(!redactSecrets(line).includes('AbCdEf012345'));
    assert.ok(redactSecrets(line).includes('[redacted]'));
  });
});
