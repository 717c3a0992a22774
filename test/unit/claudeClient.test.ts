// The client wrapper against the fake Messages API through the real SDK.
import assert from 'node:assert/strict';
import { ClaudeClient } from '../../src/core/claude/claudeClient';
import { MissingApiKeyError, StalledStreamError } from '../../src/core/claude/errors';
import { TurnFailure } from '../../src/core/claude/turnStreamer';
import { DEFAULT_SETTINGS, type ClaudeSettings } from '../../src/core/claude/settings';
import type { ClaudeStreamEvent } from '../../src/core/claude/streamEvents';
import { dropConnection, httpError, midStreamError, stall, text, thinking, toolUse } from '../fake-anthropic';
import { useFakeAnthropic } from '../support/useFakeAnthropic';

describe('ClaudeClient (against the fake API)', () => {
  const f = useFakeAnthropic();
  let settings: ClaudeSettings;
  let key: string | undefined;

  const client = () => new ClaudeClient({ getSettings: () => settings, getApiKey: async () => key });

  async function turn(events: ClaudeStreamEvent[] = [], signal = new AbortController().signal) {
    return client().streamTurn({ messages: [{ role: 'user', content: 'hi' }], signal, onEvent: (e) => events.push(e) });
  }

  beforeEach(() => {
    key = 'sk-test';
    settings = { ...DEFAULT_SETTINGS, apiBaseUrl: f.fake.url, maxRetries: 0, requestTimeoutSeconds: 10, fallbackModels: [] };
  });

  it('emits typed events in order and returns the assembled turn', async () => {
    f.fake.enqueue(text(['Hello', ' world']));
    const events: ClaudeStreamEvent[] = [];
    const result = await turn(events);
    assert.deepEqual(
      events.map((e) => e.type),
      ['messageStart', 'blockStart', 'textDelta', 'textDelta', 'blockStop'],
    );
    assert.deepEqual(result.content, [{ type: 'text', text: 'Hello world' }]);
    assert.equal(result.stopReason, 'end_turn');
    assert.ok(result.usage.outputTokens > 0);
  });

  it('keeps thinking blocks with their signature and reports tool_use input', async () => {
    f.fake.enqueue(toolUse({ name: 'read_file', input: { path: 'a.ts' } }, { thinking: 'Let me read it.' }));
    const events: ClaudeStreamEvent[] = [];
    const result = await turn(events);
    const [think, tool] = result.content;
    assert.equal(think?.type, 'thinking');
    assert.ok(think?.type === 'thinking' && think.signature.length > 0, 'signature kept');
    assert.deepEqual(tool?.type === 'tool_use' && tool.input, { path: 'a.ts' });
    assert.ok(events.some((e) => e.type === 'signature'));
    assert.ok(events.some((e) => e.type === 'toolInputDelta'));
    assert.equal(result.stopReason, 'tool_use');
  });

  it('streams thinking deltas before the answer', async () => {
    f.fake.enqueue(thinking('Pondering.', 'Answer.'));
    const events: ClaudeStreamEvent[] = [];
    await turn(events);
    const firstThinking = events.findIndex((e) => e.type === 'thinkingDelta');
    const firstText = events.findIndex((e) => e.type === 'textDelta');
    assert.ok(firstThinking >= 0 && firstThinking < firstText);
  });

  it('sends only parameters the current API accepts', async () => {
    await turn();
    const body = f.fake.requests[0]!.body as Record<string, unknown>;
    assert.deepEqual(Object.keys(body).sort(), ['max_tokens', 'messages', 'model', 'stream', 'system', 'thinking']);
    assert.deepEqual(body['thinking'], { type: 'adaptive' });
  });

  it('classifies HTTP errors into a TurnFailure with the next action', async () => {
    f.fake.enqueue(httpError(404));
    await assert.rejects(turn(), (e: unknown) => e instanceof TurnFailure && e.info.kind === 'not_found' && e.info.actions[0] === 'selectModel');
  });

  it('a connection dropped mid-stream is a connection failure with Retry, not "something went wrong"', async () => {
    f.fake.enqueue(dropConnection(4));
    const events: ClaudeStreamEvent[] = [];
    await assert.rejects(turn(events), (e: unknown) => e instanceof TurnFailure && e.info.kind === 'connection_lost' && e.info.actions[0] === 'retry');
    assert.ok(events.some((e) => e.type === 'textDelta'), 'partial text arrived first');
  });

  it('an `event: error` mid-stream is classified by error.type', async () => {
    f.fake.enqueue(midStreamError(1));
    await assert.rejects(turn(), (e: unknown) => e instanceof TurnFailure && e.info.kind === 'overloaded');
  });

  it('retries per maxRetries and succeeds after a 529', async () => {
    settings = { ...settings, maxRetries: 1 };
    f.fake.enqueue(httpError(529, { headers: { 'retry-after-ms': '10' } }), text('second time lucky'));
    const result = await turn();
    assert.deepEqual(result.content, [{ type: 'text', text: 'second time lucky' }]);
    assert.equal(f.fake.requests.length, 2);
    assert.equal(f.fake.requests[1]!.headers['x-stainless-retry-count'], '1');
  });

  it('fails fast without a key, before any request', async () => {
    key = undefined;
    await assert.rejects(turn(), (e: unknown) => e instanceof TurnFailure && e.info.kind === 'missing_api_key' && e.cause instanceof MissingApiKeyError);
    assert.equal(f.fake.requests.length, 0);
  });

  it('aborting the signal ends the stream as a user abort', async () => {
    f.fake.enqueue(stall(3));
    const controller = new AbortController();
    const events: ClaudeStreamEvent[] = [];
    const pending = turn(events, controller.signal);
    await f.fake.waitForRequests(1);
    while (!events.some((e) => e.type === 'textDelta')) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    await assert.rejects(pending, (e: unknown) => e instanceof TurnFailure && e.userAbort);
    assert.equal(await f.fake.waitForOutcome(0), 'client_closed', 'the HTTP connection was closed');
  });

  it('the idle watchdog aborts a stream that stalls after its headers', async () => {
    settings = { ...settings, requestTimeoutSeconds: 0.3, fallbackModels: [] };
    f.fake.enqueue(stall(2));
    const started = Date.now();
    await assert.rejects(turn(), (e: unknown) => e instanceof TurnFailure && !e.userAbort && e.info.kind === 'stalled' && e.cause instanceof StalledStreamError);
    assert.ok(Date.now() - started >= 300, 'not before the idle period');
  });
});
