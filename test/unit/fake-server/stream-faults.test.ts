// Fake Anthropic server: mid-stream errors, dropped connections and stalls.
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import Anthropic from '@anthropic-ai/sdk';
import { dropConnection, midStreamError, stall, startFakeAnthropic, text } from '../../fake-anthropic';
import { params, rawStream, rejection, sdk } from './helpers';
import { useFakeAnthropic } from '../../support/useFakeAnthropic';

describe('fake Anthropic server', function () {
  const f = useFakeAnthropic();

  describe('stream faults', () => {
    it('mid-stream event: error → APIError overloaded_error after the partial text', async () => {
      f.fake.enqueue(midStreamError(2));
      let partial = '';
      const stream = f.client.messages.stream(params()).on('text', (d) => (partial += d));
      const err = await rejection(stream.finalMessage());
      assert.ok(err instanceof Anthropic.APIError);
      assert.ok(!(err instanceof Anthropic.OverloadedError));
      assert.equal(err.status, undefined);
      assert.equal(err.type, 'overloaded_error');
      assert.equal(partial, 'The quick brown fox jumps over');
    });

    it('mid-stream error on the wire: spaced JSON and nothing after it', async () => {
      f.fake.enqueue(midStreamError(1, text('a b c d e f'), { errorType: 'api_error', message: 'Internal' }));
      const { events } = await rawStream(f.fake);
      const last = events.at(-1)!;
      assert.equal(last.event, 'error');
      assert.equal(last.data, '{"type": "error", "error": {"type": "api_error", "message": "Internal"}}');
      assert.equal(events.filter((e) => e.event === 'content_block_delta').length, 1);
      assert.ok(!events.some((e) => e.event === 'message_stop'));
    });

    it('mid-stream error on a non-streaming call becomes an HTTP error', async () => {
      f.fake.enqueue(midStreamError(1));
      const err = await rejection(f.client.messages.create(params()));
      assert.ok(err instanceof Anthropic.OverloadedError);
    });

    it('dropped connection mid-stream → a connection error (AnthropicError, no status)', async () => {
      f.fake.enqueue(dropConnection(3));
      let partial = '';
      const stream = f.client.messages.stream(params()).on('text', (d) => (partial += d));
      const err = await rejection(stream.finalMessage());
      assert.ok(err instanceof Anthropic.AnthropicError);
      assert.ok(!(err instanceof Anthropic.APIError), 'after headers the SDK does not wrap it in an APIError');
      assert.ok((err as Error & { cause?: unknown }).cause instanceof Error);
      assert.equal(partial, 'The quick brown');
      assert.equal(await f.fake.waitForOutcome(0), 'dropped');
    });

    it('dropped connection before headers → APIConnectionError', async () => {
      f.fake.enqueue(dropConnection(0));
      const err = await rejection(f.client.messages.stream(params()).finalMessage());
      assert.ok(err instanceof Anthropic.APIConnectionError);
      assert.equal(f.fake.requests[0]!.outcome, 'dropped');
    });

    it('stalled stream: stream.abort() ends it promptly and the server sees the socket close', async () => {
      f.fake.enqueue(stall(3));
      const stream = f.client.messages.stream(params());
      const firstText = new Promise<void>((resolve) => stream.once('text', () => resolve()));
      const final = rejection(stream.finalMessage());
      await firstText;
      assert.equal(f.fake.requests[0]!.outcome, 'pending');
      const t0 = performance.now();
      stream.abort();
      const err = await final;
      assert.ok(err instanceof Anthropic.APIUserAbortError);
      assert.ok(performance.now() - t0 < 1000);
      assert.equal(await f.fake.waitForOutcome(0), 'client_closed');
    });

    it('stalled stream: an AbortController signal ends it too', async () => {
      f.fake.enqueue(stall(0));
      const ac = new AbortController();
      const stream = f.client.messages.stream(params(), { signal: ac.signal });
      const final = rejection(stream.finalMessage());
      await stream.withResponse(); // headers arrived
      ac.abort();
      assert.ok((await final) instanceof Anthropic.APIUserAbortError);
      assert.equal(await f.fake.waitForOutcome(0), 'client_closed');
    });

    it('stall before headers → the SDK request timeout fires', async () => {
      f.fake.enqueue(stall(0, undefined, { beforeHeaders: true }));
      const err = await rejection(sdk(f.fake, { timeout: 150 }).messages.create(params()));
      assert.ok(err instanceof Anthropic.APIConnectionTimeoutError);
      assert.equal(await f.fake.waitForOutcome(0), 'client_closed');
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
});
