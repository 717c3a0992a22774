// The fake Anthropic API, driven through the real @anthropic-ai/sdk (and raw node:http where bytes matter).
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { performance } from 'node:perf_hooks';
import Anthropic, { type APIError } from '@anthropic-ai/sdk';
import {
  dropConnection,
  estimateInputTokens,
  httpError,
  message,
  midStreamError,
  paced,
  redactedThinking,
  refusal,
  replaySse,
  stall,
  startFakeAnthropic,
  text,
  thinking,
  toolUse,
  type FakeAnthropic,
} from '../fake-anthropic';
import { parseSseText, rawRequest, type SseEvent } from '../fake-anthropic/http-client';

const MODEL = 'claude-sonnet-5-5';
const params = (content = 'hello there'): Anthropic.MessageCreateParamsNonStreaming => ({
  model: MODEL,
  max_tokens: 1024,
  messages: [{ role: 'user', content }],
});

function sdk(fake: FakeAnthropic, opts: Partial<ConstructorParameters<typeof Anthropic>[0]> = {}): Anthropic {
  return new Anthropic({ apiKey: 'test', baseURL: fake.url, maxRetries: 0, timeout: 5000, ...opts });
}

/** Resolves with the rejection of `p` (fails if it resolves). */
async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  assert.fail('expected the promise to reject');
}

/** Parsed JSON of events, shaped per the API reference rather than typed here. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

/** POSTs a streaming request with node:http and parses the SSE body. */
async function rawStream(fake: FakeAnthropic, body: object = { ...params(), stream: true }) {
  const res = await rawRequest(fake.url, '/v1/messages', { body });
  const raw = res.body.toString('utf8');
  return { res, raw, events: parseSseText(raw), json: parseSseText(raw).map((e) => JSON.parse(e.data) as Loose) };
}

function dataOf(events: SseEvent[], name: string): Loose[] {
  return events.filter((e) => e.event === name).map((e) => JSON.parse(e.data));
}

describe('fake Anthropic server', function () {
  let fake: FakeAnthropic;
  let client: Anthropic;

  before(async () => {
    fake = await startFakeAnthropic();
    client = sdk(fake);
  });
  after(() => fake.close());
  beforeEach(() => fake.reset());

  describe('basics', () => {
    it('binds 127.0.0.1 only', async () => {
      assert.match(fake.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const external = Object.values(networkInterfaces())
        .flat()
        .find((i) => i && i.family === 'IPv4' && !i.internal);
      if (!external) return; // no other interface to try
      const err = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
        const s = connect(fake.port, external.address);
        s.on('connect', () => {
          s.destroy();
          resolve(undefined);
        });
        s.on('error', resolve);
      });
      assert.equal(err?.code, 'ECONNREFUSED');
    });

    it('answers with the default echo through messages.stream', async () => {
      const stream = client.messages.stream(params('hello there'));
      const msg = await stream.finalMessage();
      assert.deepEqual(msg.content, [{ type: 'text', text: 'You said: hello there' }]);
      assert.equal(msg.model, MODEL);
      assert.match(msg.id, /^msg_/);
      assert.equal(msg.stop_reason, 'end_turn');
      assert.equal(stream.request_id, fake.requests[0]!.requestId);
      assert.match(fake.requests[0]!.requestId, /^req_/);
      assert.equal(msg.usage.input_tokens, estimateInputTokens(params('hello there')));
    });

    it('returns the assembled JSON message from messages.create', async () => {
      fake.enqueue(text('This is the plain answer.'));
      const { data, response } = await client.messages.create(params()).withResponse();
      assert.equal(response.headers.get('content-type'), 'application/json');
      assert.equal(response.headers.get('request-id'), fake.requests[0]!.requestId);
      assert.deepEqual(data.content, [{ type: 'text', text: 'This is the plain answer.', citations: null }]);
      assert.equal(data.stop_reason, 'end_turn');
      assert.equal(data.usage.output_tokens, 2);
      assert.equal(data.usage.service_tier, 'standard');
      assert.equal(fake.requests[0]!.outcome, 'completed');
    });

    it('honours model, stop_reason and usage overrides', async () => {
      fake.enqueue(
        text('cut short', { model: 'claude-haiku-5-5', stopReason: 'max_tokens', usage: { input_tokens: 7, output_tokens: 99 } }),
      );
      const msg = await client.messages.stream(params()).finalMessage();
      assert.equal(msg.model, 'claude-haiku-5-5');
      assert.equal(msg.stop_reason, 'max_tokens');
      assert.equal(msg.usage.input_tokens, 7);
      assert.equal(msg.usage.output_tokens, 99);
    });

    it('lets a function pick the scenario from the request', async () => {
      fake.setDefault((req) => text(`${(req.body as { messages: unknown[] }).messages.length} message(s)`));
      const msg = await client.messages.create(params());
      assert.deepEqual(msg.content[0], { type: 'text', text: '1 message(s)', citations: null });
    });
  });

  describe('wire format', () => {
    it('sends well-formed SSE with the API headers and event shapes', async () => {
      fake.enqueue(text('one two three four five six seven'));
      const { res, raw, events } = await rawStream(fake);
      assert.equal(res.status, 200);
      assert.equal(res.headers['content-type'], 'text/event-stream; charset=utf-8');
      assert.equal(res.headers['cache-control'], 'no-cache');
      assert.match(res.headers['request-id']!, /^req_/);
      assert.ok(raw.endsWith('\n\n'));
      for (const block of raw.slice(0, -2).split('\n\n')) {
        assert.match(block, /^event: [a-z_]+\ndata: \{.*\}$/);
      }
      assert.deepEqual(
        events.map((e) => e.event),
        ['message_start', 'ping', 'content_block_start', 'content_block_delta', 'content_block_delta', 'content_block_delta',
          'content_block_stop', 'message_delta', 'message_stop'],
      );
      assert.equal(events[1]!.data, '{"type": "ping"}');
      const start = JSON.parse(events[0]!.data);
      assert.deepEqual(Object.keys(start.message).sort(), [
        'content', 'id', 'model', 'role', 'stop_details', 'stop_reason', 'stop_sequence', 'type', 'usage',
      ]);
      assert.deepEqual(start.message.content, []);
      assert.equal(start.message.stop_details, null);
      assert.deepEqual(start.message.usage.cache_creation, { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 });
      assert.equal(start.message.usage.output_tokens, 1);
      assert.equal(start.message.usage.service_tier, 'standard');
      const deltas = dataOf(events, 'content_block_delta').map((d) => d.delta.text);
      assert.deepEqual(deltas, ['one two three', ' four five six', ' seven']);
      const md = dataOf(events, 'message_delta')[0];
      assert.deepEqual(md.delta, { stop_reason: 'end_turn', stop_sequence: null, stop_details: null });
      assert.equal(md.usage.output_tokens, 3);
    });

    it('streams thinking deltas, then one signature_delta just before the block stops', async () => {
      fake.enqueue(thinking('First I consider the question carefully.', 'Done.', { signature: 'sig-123' }));
      const { json } = await rawStream(fake);
      const block0 = json.filter((e) => e.index === 0);
      assert.deepEqual(block0[0].content_block, { type: 'thinking', thinking: '', signature: '' });
      const kinds = block0.slice(1).map((e) => (e.type === 'content_block_stop' ? 'stop' : e.delta.type));
      assert.deepEqual(kinds, ['thinking_delta', 'thinking_delta', 'signature_delta', 'stop']);
      const md = json.find((e) => e.type === 'message_delta');
      assert.equal(md.usage.output_tokens_details.thinking_tokens, 3);
    });

    it('streams tool input as input_json_delta chunks starting with ""', async () => {
      fake.enqueue(toolUse({ name: 'read_file', input: { path: 'src/a/very/long/path/to/file.ts' }, id: 'toolu_1' }));
      const { json } = await rawStream(fake);
      const start = json.find((e) => e.type === 'content_block_start');
      assert.deepEqual(start.content_block, {
        type: 'tool_use', id: 'toolu_1', name: 'read_file', input: {}, caller: { type: 'direct' },
      });
      const partials = json.filter((e) => e.delta?.type === 'input_json_delta').map((e) => e.delta.partial_json);
      assert.equal(partials[0], '');
      assert.ok(partials.length > 2);
      assert.deepEqual(JSON.parse(partials.join('')), { path: 'src/a/very/long/path/to/file.ts' });
    });
  });

  describe('scenarios through the SDK', () => {
    it('text: several word-chunked deltas', async () => {
      fake.enqueue(text('The answer is forty two, as everybody knows.'));
      const deltas: string[] = [];
      const stream = client.messages.stream(params()).on('text', (d) => deltas.push(d));
      assert.equal(await stream.finalText(), 'The answer is forty two, as everybody knows.');
      assert.ok(deltas.length >= 3);
    });

    it('thinking then text', async () => {
      fake.enqueue(thinking('Let me think about this.', 'Here you go.', { signature: 'sig-abc' }));
      const thoughts: string[] = [];
      const msg = await client.messages.stream(params()).on('thinking', (d) => thoughts.push(d)).finalMessage();
      assert.deepEqual(msg.content, [
        { type: 'thinking', thinking: 'Let me think about this.', signature: 'sig-abc' },
        { type: 'text', text: 'Here you go.' },
      ]);
      assert.equal(thoughts.join(''), 'Let me think about this.');
      assert.equal(msg.usage.output_tokens_details?.thinking_tokens, 3);
    });

    it('redacted thinking then text', async () => {
      fake.enqueue(redactedThinking('EmwKAhgBEgy3va3pzix/LafPsn4a', 'Visible answer.'));
      const msg = await client.messages.stream(params()).finalMessage();
      assert.deepEqual(msg.content, [
        { type: 'redacted_thinking', data: 'EmwKAhgBEgy3va3pzix/LafPsn4a' },
        { type: 'text', text: 'Visible answer.' },
      ]);
    });

    it('parallel tool_use blocks after leading text', async () => {
      fake.enqueue(
        toolUse(
          [
            { name: 'get_weather', input: { location: 'San Francisco, CA', unit: 'c' }, id: 'toolu_a' },
            { name: 'get_weather', input: { location: 'Paris', nested: { days: [1, 2, 3] } }, id: 'toolu_b' },
          ],
          { text: 'Checking both cities.' },
        ),
      );
      const msg = await client.messages.stream(params()).finalMessage();
      assert.equal(msg.stop_reason, 'tool_use');
      assert.deepEqual(msg.content, [
        { type: 'text', text: 'Checking both cities.' },
        { type: 'tool_use', id: 'toolu_a', name: 'get_weather', caller: { type: 'direct' }, input: { location: 'San Francisco, CA', unit: 'c' } },
        { type: 'tool_use', id: 'toolu_b', name: 'get_weather', caller: { type: 'direct' }, input: { location: 'Paris', nested: { days: [1, 2, 3] } } },
      ]);
    });

    it('thinking → tool_use via message(), then a valid tool_result turn', async () => {
      fake.enqueue(
        message([
          { type: 'thinking', thinking: 'Need the file.' },
          { type: 'tool_use', name: 'read_file', input: { path: 'a.ts' }, id: 'toolu_x' },
        ]),
        text('The file is empty.'),
      );
      const first = await client.messages.stream(params()).finalMessage();
      assert.equal(first.stop_reason, 'tool_use');
      assert.deepEqual(first.content.map((b) => b.type), ['thinking', 'tool_use']);
      const second = await client.messages.create({
        ...params(),
        messages: [
          { role: 'user', content: 'read a.ts' },
          { role: 'assistant', content: first.content },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_x', content: '' }] },
        ],
      });
      assert.equal(second.stop_reason, 'end_turn');
    });

    it('refusal with stop_details', async () => {
      fake.enqueue(refusal({ category: 'cyber', explanation: 'Not allowed.' }));
      const msg = await client.messages.stream(params()).finalMessage();
      assert.equal(msg.stop_reason, 'refusal');
      assert.deepEqual(msg.stop_details, { type: 'refusal', category: 'cyber', explanation: 'Not allowed.' });
    });

    it('replays raw SSE text verbatim', async () => {
      const sse =
        'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_r","type":"message","role":"assistant","model":"m","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":1,"output_tokens":1}}}\n\n' +
        'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\n\n' +
        'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"replayed"}}\n\n' +
        'event: content_block_stop\ndata: {"type":"content_block_stop","index":0}\n\n' +
        'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":3}}\n\n' +
        'event: message_stop\ndata: {"type":"message_stop"}\n\n';
      fake.enqueue(replaySse(sse), replaySse(sse));
      const { raw } = await rawStream(fake);
      assert.equal(raw, sse);
      const msg = await client.messages.stream(params()).finalMessage();
      assert.equal(msg.id, 'msg_r');
      assert.equal(msg.model, 'm');
      assert.deepEqual(msg.content, [{ type: 'text', text: 'replayed' }]);
    });
  });

  describe('HTTP errors', () => {
    const cases: Array<[number, string, new (...args: never[]) => APIError]> = [
      [400, 'invalid_request_error', Anthropic.BadRequestError],
      [401, 'authentication_error', Anthropic.AuthenticationError],
      [402, 'billing_error', Anthropic.PaymentRequiredError],
      [403, 'permission_error', Anthropic.PermissionDeniedError],
      [404, 'not_found_error', Anthropic.NotFoundError],
      [409, 'conflict_error', Anthropic.ConflictError],
      [413, 'request_too_large', Anthropic.ContentTooLargeError],
      [429, 'rate_limit_error', Anthropic.RateLimitError],
      [500, 'api_error', Anthropic.InternalServerError],
      [503, 'api_error', Anthropic.ServiceUnavailableError],
      [504, 'timeout_error', Anthropic.GatewayTimeoutError],
      [529, 'overloaded_error', Anthropic.OverloadedError],
    ];
    for (const [status, type, cls] of cases) {
      it(`${status} → ${cls.name} with error.type ${type}`, async () => {
        fake.enqueue(httpError(status), httpError(status));
        const err = await rejection(client.messages.stream(params()).finalMessage());
        assert.ok(err instanceof cls, `got ${String(err)}`);
        assert.equal(err.status, status);
        assert.equal(err.type, type);
        assert.equal(err.requestID, fake.requests[0]!.requestId);
        const res = await rawRequest(fake.url, '/v1/messages', { body: params() });
        assert.equal(res.status, status);
        assert.equal(res.headers['content-type'], 'application/json');
        const body = JSON.parse(res.body.toString());
        assert.deepEqual(Object.keys(body), ['type', 'error', 'request_id']);
        assert.equal(body.type, 'error');
        assert.deepEqual(Object.keys(body.error), ['type', 'message']);
        assert.equal(body.error.type, type);
        assert.equal(body.request_id, res.headers['request-id']);
      });
    }

    it('retry-after-ms is honoured and x-stainless-retry-count goes up', async () => {
      fake.enqueue(httpError(429, { headers: { 'retry-after-ms': '30' } }), text('second time lucky'));
      const msg = await sdk(fake, { maxRetries: 1 }).messages.stream(params()).finalMessage();
      assert.deepEqual(msg.content, [{ type: 'text', text: 'second time lucky' }]);
      const [a, b] = fake.requests;
      assert.equal(fake.requests.length, 2);
      assert.equal(a!.headers['x-stainless-retry-count'], '0');
      assert.equal(b!.headers['x-stainless-retry-count'], '1');
      assert.ok(b!.receivedAt - a!.receivedAt >= 29, `retried after ${b!.receivedAt - a!.receivedAt} ms`);
    });

    it('retry-after (seconds) is honoured', async () => {
      fake.enqueue(httpError(529, { headers: { 'retry-after': '0.05' } }), text('ok'));
      const msg = await sdk(fake, { maxRetries: 1 }).messages.create(params());
      assert.equal(msg.content[0]!.type, 'text');
      assert.ok(fake.requests[1]!.receivedAt - fake.requests[0]!.receivedAt >= 49);
    });

    it('x-should-retry: false stops the SDK from retrying a 500', async () => {
      fake.enqueue(httpError(500, { headers: { 'x-should-retry': 'false' } }), text('never sent'));
      const err = await rejection(sdk(fake, { maxRetries: 2 }).messages.create(params()));
      assert.ok(err instanceof Anthropic.InternalServerError);
      assert.equal(fake.requests.length, 1);
      assert.equal(fake.pending(), 1);
    });

    it('error_code goes into error.details', async () => {
      fake.enqueue(httpError(400, { errorCode: 'thread_unsupported_request' }));
      const err = await rejection(client.messages.create(params()));
      assert.ok(err instanceof Anthropic.BadRequestError);
      assert.equal(err.errorCode, 'thread_unsupported_request');
    });
  });

  describe('stream faults', () => {
    it('mid-stream event: error → APIError overloaded_error after the partial text', async () => {
      fake.enqueue(midStreamError(2));
      let partial = '';
      const stream = client.messages.stream(params()).on('text', (d) => (partial += d));
      const err = await rejection(stream.finalMessage());
      assert.ok(err instanceof Anthropic.APIError);
      assert.ok(!(err instanceof Anthropic.OverloadedError));
      assert.equal(err.status, undefined);
      assert.equal(err.type, 'overloaded_error');
      assert.equal(partial, 'The quick brown fox jumps over');
    });

    it('mid-stream error on the wire: spaced JSON and nothing after it', async () => {
      fake.enqueue(midStreamError(1, text('a b c d e f'), { errorType: 'api_error', message: 'Internal' }));
      const { events } = await rawStream(fake);
      const last = events.at(-1)!;
      assert.equal(last.event, 'error');
      assert.equal(last.data, '{"type": "error", "error": {"type": "api_error", "message": "Internal"}}');
      assert.equal(events.filter((e) => e.event === 'content_block_delta').length, 1);
      assert.ok(!events.some((e) => e.event === 'message_stop'));
    });

    it('mid-stream error on a non-streaming call becomes an HTTP error', async () => {
      fake.enqueue(midStreamError(1));
      const err = await rejection(client.messages.create(params()));
      assert.ok(err instanceof Anthropic.OverloadedError);
    });

    it('dropped connection mid-stream → a connection error (AnthropicError, no status)', async () => {
      fake.enqueue(dropConnection(3));
      let partial = '';
      const stream = client.messages.stream(params()).on('text', (d) => (partial += d));
      const err = await rejection(stream.finalMessage());
      assert.ok(err instanceof Anthropic.AnthropicError);
      assert.ok(!(err instanceof Anthropic.APIError), 'after headers the SDK does not wrap it in an APIError');
      assert.ok((err as Error & { cause?: unknown }).cause instanceof Error);
      assert.equal(partial, 'The quick brown');
      assert.equal(await fake.waitForOutcome(0), 'dropped');
    });

    it('dropped connection before headers → APIConnectionError', async () => {
      fake.enqueue(dropConnection(0));
      const err = await rejection(client.messages.stream(params()).finalMessage());
      assert.ok(err instanceof Anthropic.APIConnectionError);
      assert.equal(fake.requests[0]!.outcome, 'dropped');
    });

    it('stalled stream: stream.abort() ends it promptly and the server sees the socket close', async () => {
      fake.enqueue(stall(3));
      const stream = client.messages.stream(params());
      const firstText = new Promise<void>((resolve) => stream.once('text', () => resolve()));
      const final = rejection(stream.finalMessage());
      await firstText;
      assert.equal(fake.requests[0]!.outcome, 'pending');
      const t0 = performance.now();
      stream.abort();
      const err = await final;
      assert.ok(err instanceof Anthropic.APIUserAbortError);
      assert.ok(performance.now() - t0 < 1000);
      assert.equal(await fake.waitForOutcome(0), 'client_closed');
    });

    it('stalled stream: an AbortController signal ends it too', async () => {
      fake.enqueue(stall(0));
      const ac = new AbortController();
      const stream = client.messages.stream(params(), { signal: ac.signal });
      const final = rejection(stream.finalMessage());
      await stream.withResponse(); // headers arrived
      ac.abort();
      assert.ok((await final) instanceof Anthropic.APIUserAbortError);
      assert.equal(await fake.waitForOutcome(0), 'client_closed');
    });

    it('stall before headers → the SDK request timeout fires', async () => {
      fake.enqueue(stall(0, undefined, { beforeHeaders: true }));
      const err = await rejection(sdk(fake, { timeout: 150 }).messages.create(params()));
      assert.ok(err instanceof Anthropic.APIConnectionTimeoutError);
      assert.equal(await fake.waitForOutcome(0), 'client_closed');
    });

    it('close() ends stalled streams and resolves', async () => {
      const own = await startFakeAnthropic();
      own.enqueue(stall(2, undefined, { keepAlivePingMs: 5 }));
      const stream = sdk(own).messages.stream(params());
      const final = rejection(stream.finalMessage());
      await own.waitForRequests(1);
      await stream.withResponse();
      await own.close();
      assert.ok((await final) instanceof Anthropic.AnthropicError);
      assert.equal(own.requests[0]!.outcome, 'server_closed');
    });
  });

  describe('pacing', () => {
    it('N chunks at T tokens/s take at least N/T seconds', async () => {
      fake.enqueue(paced(100, text(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'])));
      let deltas = 0;
      const t0 = performance.now();
      await client.messages.stream(params()).on('text', () => deltas++).finalMessage();
      const elapsed = performance.now() - t0;
      assert.equal(deltas, 10);
      assert.ok(elapsed >= 100, `took ${elapsed} ms`);
    });

    it('the server-wide default paces; tokensPerSecond 0 in a scenario turns it off', async () => {
      const own = await startFakeAnthropic({ tokensPerSecond: 50 });
      try {
        const c = sdk(own);
        own.enqueue(text(['1', '2', '3', '4', '5']));
        const t0 = performance.now();
        await c.messages.stream(params()).finalMessage();
        assert.ok(performance.now() - t0 >= 100);
        own.enqueue(paced(0, text(['1', '2', '3', '4', '5'])));
        const fast = await c.messages.stream(params()).finalText();
        assert.equal(fast, '12345');
      } finally {
        await own.close();
      }
    });

    it('periodic pings while streaming when pingIntervalMs is set', async () => {
      fake.enqueue(text(['a', 'b', 'c', 'd'], { tokensPerSecond: 25, pingIntervalMs: 10 }));
      const { events } = await rawStream(fake);
      assert.ok(events.filter((e) => e.event === 'ping').length >= 3);
    });
  });

  describe('validation', () => {
    /** params() with `extra` merged in; keys set to undefined are removed. */
    const bad = (extra: Record<string, unknown>) => {
      const body: Record<string, unknown> = { ...params(), ...extra };
      for (const [k, v] of Object.entries(body)) if (v === undefined) delete body[k];
      return body as unknown as Anthropic.MessageCreateParamsNonStreaming;
    };

    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['temperature', { temperature: 1 }, 'temperature'],
      ['top_p', { top_p: 0.9 }, 'top_p'],
      ['top_k', { top_k: 5 }, 'top_k'],
      ['missing model', { model: undefined }, 'model'],
      ['missing max_tokens', { max_tokens: undefined }, 'max_tokens'],
      ['max_tokens too large', { max_tokens: 200_000 }, 'max_tokens'],
      ['empty messages', { messages: [] }, 'messages'],
      ['first message not user', { messages: [{ role: 'assistant', content: 'hi' }] }, 'messages'],
      ['budget_tokens < 1024', { thinking: { type: 'enabled', budget_tokens: 1000 } }, 'budget_tokens'],
      ['budget_tokens >= max_tokens', { thinking: { type: 'enabled', budget_tokens: 2048 } }, 'budget_tokens'],
      [
        'tool_result without a matching tool_use',
        {
          messages: [
            { role: 'user', content: 'hi' },
            { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_real', name: 't', input: {} }] },
            { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_other', content: 'x' }] },
          ],
        },
        'tool_use_id',
      ],
    ];
    for (const [name, extra, field] of cases) {
      it(`400 invalid_request_error for ${name}`, async () => {
        fake.enqueue(text('must not be consumed'));
        const err = await rejection(client.messages.create(bad(extra)));
        assert.ok(err instanceof Anthropic.BadRequestError, `got ${String(err)}`);
        assert.equal(err.type, 'invalid_request_error');
        assert.ok(err.apiMessage?.includes(field), `message names ${field}: ${err.apiMessage}`);
        assert.equal(fake.pending(), 1);
      });
    }

    it('unknown model → 404 not_found_error', async () => {
      const err = await rejection(client.messages.create({ ...params(), model: 'claude-nope-1' }));
      assert.ok(err instanceof Anthropic.NotFoundError);
      assert.equal(err.type, 'not_found_error');
    });

    it('a body that is not JSON → 400, recorded as a raw string', async () => {
      const res = await rawRequest(fake.url, '/v1/messages', { body: '{oops' });
      assert.equal(res.status, 400);
      assert.equal(fake.requests[0]!.body, '{oops');
    });
  });

  describe('auth and request log', () => {
    it('no credentials → 401 authentication_error', async () => {
      const res = await rawRequest(fake.url, '/v1/messages', { body: params(), auth: null });
      assert.equal(res.status, 401);
      assert.equal(JSON.parse(res.body.toString()).error.type, 'authentication_error');
      const ok = await rawRequest(fake.url, '/v1/messages', { body: params(), auth: null, headers: { 'x-api-key': 'k' } });
      assert.equal(ok.status, 200);
    });

    it('with opts.apiKey, other keys get 401 (Bearer and x-api-key both checked)', async () => {
      const own = await startFakeAnthropic({ apiKey: 'sk-right' });
      try {
        const err = await rejection(sdk(own, { apiKey: 'sk-wrong' }).messages.create(params()));
        assert.ok(err instanceof Anthropic.AuthenticationError);
        assert.equal(err.type, 'authentication_error');
        await sdk(own, { apiKey: 'sk-right' }).messages.create(params());
        const viaHeader = await rawRequest(own.url, '/v1/messages', { body: params(), auth: null, headers: { 'x-api-key': 'sk-right' } });
        assert.equal(viaHeader.status, 200);
      } finally {
        await own.close();
      }
    });

    it('records method, path, lower-cased headers and the parsed body', async () => {
      await client.messages.stream(params('log me')).finalMessage();
      const [rec] = await fake.waitForRequests(1);
      assert.equal(rec!.method, 'POST');
      assert.equal(rec!.path, '/v1/messages');
      assert.equal(rec!.headers.authorization, 'Bearer test');
      assert.equal(rec!.headers['anthropic-version'], '2026-10-21');
      assert.equal(rec!.headers['x-stainless-helper-method'], 'stream');
      assert.deepEqual(rec!.body, { ...params('log me'), stream: true });
      assert.equal(typeof rec!.receivedAt, 'number');
      assert.equal(rec!.scenario, 'text');
      assert.equal(rec!.status, 200);
    });

    it('waitForRequests rejects after its timeout; reset() clears log and queue', async () => {
      await assert.rejects(fake.waitForRequests(1, 20), /timed out/);
      fake.enqueue(text('x'));
      await client.messages.create(params());
      fake.enqueue(text('y'));
      fake.reset();
      assert.equal(fake.requests.length, 0);
      assert.equal(fake.pending(), 0);
    });
  });

  describe('other endpoints', () => {
    it('count_tokens returns ceil(chars/4) of system+messages+tools', async () => {
      const body = {
        model: MODEL,
        system: 'Be brief.',
        messages: [{ role: 'user' as const, content: 'How many tokens is this?' }],
        tools: [{ name: 't', input_schema: { type: 'object' as const } }],
      };
      const res = await client.messages.countTokens(body);
      const chars = JSON.stringify(body.messages).length + JSON.stringify(body.system).length + JSON.stringify(body.tools).length;
      assert.equal(res.input_tokens, Math.ceil(chars / 4));
    });

    it('models.list pages through the three models; retrieve works; unknown ids 404', async () => {
      const ids: string[] = [];
      for await (const m of client.models.list({ limit: 1 })) ids.push(m.id);
      assert.deepEqual(ids, ['claude-haiku-5-5', 'claude-sonnet-5-5', 'claude-opus-5-5']);
      assert.equal(fake.requests.length, 3);
      const opus = await client.models.retrieve('claude-opus-5-5');
      assert.equal(opus.type, 'model');
      assert.equal(opus.max_input_tokens, 1_000_000);
      assert.equal(opus.max_tokens, 128_000);
      assert.equal(opus.capabilities?.thinking.types.adaptive.supported, true);
      for (const key of ['display_name', 'created_at', 'deprecated_at', 'lifecycle', 'line', 'retires_at']) {
        assert.ok(key in opus, key);
      }
      const before = await client.models.list({ before_id: 'claude-opus-5-5', limit: 1 });
      assert.deepEqual(before.data.map((m) => m.id), ['claude-sonnet-5-5']);
      assert.equal(before.has_more, true);
      assert.ok((await rejection(client.models.retrieve('claude-nope'))) instanceof Anthropic.NotFoundError);
    });

    it('unknown paths → 404 not_found_error JSON', async () => {
      const res = await rawRequest(fake.url, '/v1/nope');
      assert.equal(res.status, 404);
      const body = JSON.parse(res.body.toString());
      assert.equal(body.type, 'error');
      assert.equal(body.error.type, 'not_found_error');
      assert.equal(body.request_id, res.headers['request-id']);
    });
  });
});
