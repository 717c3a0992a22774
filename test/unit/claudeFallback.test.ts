// Retries with a visible countdown, model fallback, the circuit breaker and the request log, through the
// real SDK against the fake API.
import assert from 'node:assert/strict';
import { CircuitBreaker } from '../../src/core/claude/circuitBreaker';
import { ClaudeClient } from '../../src/core/claude/claudeClient';
import type { RequestRecord } from '../../src/core/claude/requestRecord';
import { DEFAULT_SETTINGS, type ClaudeSettings } from '../../src/core/claude/settings';
import type { ClaudeStreamEvent } from '../../src/core/claude/streamEvents';
import { TurnFailure } from '../../src/core/claude/turnStreamer';
import { httpError, midStreamError, text, type RecordedRequest } from '../fake-anthropic';
import { useFakeAnthropic } from '../support/useFakeAnthropic';

const OPUS = 'claude-opus-5-5';
const SONNET = 'claude-sonnet-5-5';
const HAIKU = 'claude-haiku-5-5';
const modelOf = (r: RecordedRequest) => (r.body as { model: string }).model;

describe('ClaudeClient resilience (against the fake API)', () => {
  const f = useFakeAnthropic({ defaultScenario: (req) => text(`answer from ${modelOf(req)}`) });
  let settings: ClaudeSettings;
  let now: number;
  let breaker: CircuitBreaker;
  let log: RequestRecord[];

  function client(extra: { logContent?: boolean } = {}) {
    return new ClaudeClient({
      getSettings: () => settings,
      getApiKey: async () => 'sk-ant-api03-secret-test-key-1234567890',
      onRequestLog: (r) => log.push(r),
      logContent: () => extra.logContent ?? false,
      breaker,
    });
  }

  async function turn(c = client(), events: ClaudeStreamEvent[] = []) {
    return c.streamTurn({ messages: [{ role: 'user', content: 'hello' }], signal: new AbortController().signal, onEvent: (e) => events.push(e) });
  }

  beforeEach(() => {
    now = 0;
    breaker = new CircuitBreaker(5, 30_000, () => now);
    log = [];
    settings = { ...DEFAULT_SETTINGS, model: OPUS, apiBaseUrl: f.fake.url, maxRetries: 0 };
  });

  it('repeated 529s on the selected model: the answer comes from the next model, and the user is told why', async () => {
    settings = { ...settings, maxRetries: 2 };
    f.fake.setDefault((req) => (modelOf(req) === OPUS ? httpError(529, { headers: { 'retry-after-ms': '5' } }) : text(`answer from ${modelOf(req)}`)));
    const events: ClaudeStreamEvent[] = [];
    const result = await turn(client(), events);
    assert.equal(result.model, SONNET);
    assert.equal(result.fallbackFrom, OPUS);
    assert.deepEqual(result.content, [{ type: 'text', text: `answer from ${SONNET}` }]);
    assert.deepEqual(f.fake.requests.map(modelOf), [OPUS, OPUS, OPUS, SONNET], 'SDK retries first (maxRetries 2), then falls back');
    const retries = events.filter((e) => e.type === 'retrying');
    assert.deepEqual(retries.map((e) => e.type === 'retrying' && [e.notice.attempt, e.notice.delayMs, e.notice.status]), [[1, 5, 529], [2, 5, 529]]);
    const fallback = events.find((e) => e.type === 'fallback');
    assert.deepEqual(fallback, { type: 'fallback', from: OPUS, to: SONNET, reason: `${OPUS} is overloaded` });
    assert.deepEqual(log.map((r) => [r.model, r.outcome, r.retries, r.fallbackFrom]), [[OPUS, 'error', 2, undefined], [SONNET, 'done', 0, OPUS]]);
  });

  it('falls all the way down the chain and reports the last failure when every model is overloaded', async () => {
    f.fake.setDefault(httpError(529));
    await assert.rejects(turn(), (e: unknown) => e instanceof TurnFailure && e.info.kind === 'overloaded');
    assert.deepEqual(f.fake.requests.map(modelOf), [OPUS, SONNET, HAIKU]);
  });

  it('does not fall back on errors the model is not to blame for (401, 400)', async () => {
    f.fake.enqueue(httpError(401));
    await assert.rejects(turn(), (e: unknown) => e instanceof TurnFailure && e.info.kind === 'authentication');
    assert.equal(f.fake.requests.length, 1);
  });

  it('does not fall back once the answer has started: the partial text stays and Retry is offered', async () => {
    f.fake.enqueue(midStreamError(2));
    await assert.rejects(turn(), (e: unknown) => e instanceof TurnFailure && e.info.actions.includes('retry'));
    assert.equal(f.fake.requests.length, 1);
  });

  it('opens the breaker after 5 consecutive failures: later turns skip the model until a probe succeeds', async () => {
    settings = { ...settings, fallbackModels: [OPUS, SONNET] };
    f.fake.setDefault((req) => (modelOf(req) === OPUS ? httpError(500) : text('fine')));
    for (let i = 0; i < 5; i++) await turn();
    assert.equal(breaker.state(OPUS), 'open');
    f.fake.reset();
    const events: ClaudeStreamEvent[] = [];
    const result = await turn(client(), events);
    assert.deepEqual(f.fake.requests.map(modelOf), [SONNET], 'Opus not even tried while open');
    assert.equal(result.fallbackFrom, OPUS);
    assert.match((events.find((e) => e.type === 'fallback') as { reason: string }).reason, /paused for 30 s/);

    now = 30_000;
    f.fake.reset();
    f.fake.setDefault((req) => text(`answer from ${modelOf(req)}`));
    const probe = await turn();
    assert.equal(probe.model, OPUS, 'the half-open probe goes to Opus and closes the breaker');
    assert.equal(breaker.state(OPUS), 'closed');
  });

  it('a model list comes from GET /v1/models, and the built-in table when that fails', async () => {
    const c = client();
    const list = await c.listModels();
    assert.deepEqual(list.models.map((m) => m.id).sort(), [HAIKU, OPUS, SONNET]);
    assert.equal(list.models[0]!.source, 'api');
    assert.equal(list.fallbackReason, undefined);
    settings = { ...settings, apiBaseUrl: 'http://127.0.0.1:9' };
    const offline = await client().listModels();
    assert.ok(offline.fallbackReason);
    assert.equal(offline.models[0]!.source, 'builtin');
  });

  it('logs one record per request with timings and usage, never the key, content only on request', async () => {
    await turn();
    const [record] = log;
    assert.ok(record);
    assert.equal(record.outcome, 'done');
    assert.ok(record.requestId?.startsWith('req_'));
    assert.ok(record.totalMs >= 0 && record.timeToFirstTokenMs !== undefined);
    assert.ok((record.outputTokens ?? 0) > 0 && record.costUsd !== undefined);
    assert.equal(record.request, undefined);
    assert.ok(!JSON.stringify(log).includes('secret-test-key'));
    await turn(client({ logContent: true }));
    assert.ok(JSON.stringify(log[1]!.request).includes('hello'));
  });
});
