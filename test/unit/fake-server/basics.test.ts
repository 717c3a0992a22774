// Fake Anthropic server: binding, the default echo, plain JSON responses and overrides.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { estimateInputTokens, text } from '../../fake-anthropic';
import { MODEL, params } from './helpers';
import { useFakeAnthropic } from '../../support/useFakeAnthropic';

describe('fake Anthropic server', function () {
  const f = useFakeAnthropic();

  describe('basics', () => {
    it('binds 127.0.0.1 only', async () => {
      assert.match(f.fake.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const external = Object.values(networkInterfaces())
        .flat()
        .find((i) => i && i.family === 'IPv4' && !i.internal);
      if (!external) return; // no other interface to try
      const err = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
        const s = connect(f.fake.port, external.address);
        s.on('connect', () => {
          s.destroy();
          resolve(undefined);
        });
        s.on('error', resolve);
      });
      assert.equal(err?.code, 'ECONNREFUSED');
    });

    it('answers with the default echo through messages.stream', async () => {
      const stream = f.client.messages.stream(params('hello there'));
      const msg = await stream.finalMessage();
      assert.deepEqual(msg.content, [{ type: 'text', text: 'You said: hello there' }]);
      assert.equal(msg.model, MODEL);
      assert.match(msg.id, /^msg_/);
      assert.equal(msg.stop_reason, 'end_turn');
      assert.equal(stream.request_id, f.fake.requests[0]!.requestId);
      assert.match(f.fake.requests[0]!.requestId, /^req_/);
      assert.equal(msg.usage.input_tokens, estimateInputTokens(params('hello there')));
    });

    it('returns the assembled JSON message from messages.create', async () => {
      f.fake.enqueue(text('This is the plain answer.'));
      const { data, response } = await f.client.messages.create(params()).withResponse();
      assert.equal(response.headers.get('content-type'), 'application/json');
      assert.equal(response.headers.get('request-id'), f.fake.requests[0]!.requestId);
      assert.deepEqual(data.content, [{ type: 'text', text: 'This is the plain answer.', citations: null }]);
      assert.equal(data.stop_reason, 'end_turn');
      assert.equal(data.usage.output_tokens, 2);
      assert.equal(data.usage.service_tier, 'standard');
      assert.equal(f.fake.requests[0]!.outcome, 'completed');
    });

    it('honours model, stop_reason and usage overrides', async () => {
      f.fake.enqueue(
        text('cut short', { model: 'claude-haiku-5-5', stopReason: 'max_tokens', usage: { input_tokens: 7, output_tokens: 99 } }),
      );
      const msg = await f.client.messages.stream(params()).finalMessage();
      assert.equal(msg.model, 'claude-haiku-5-5');
      assert.equal(msg.stop_reason, 'max_tokens');
      assert.equal(msg.usage.input_tokens, 7);
      assert.equal(msg.usage.output_tokens, 99);
    });

    it('lets a function pick the scenario from the request', async () => {
      f.fake.setDefault((req) => text(`${(req.body as { messages: unknown[] }).messages.length} message(s)`));
      const msg = await f.client.messages.create(params());
      assert.deepEqual(msg.content[0], { type: 'text', text: '1 message(s)', citations: null });
    });
  });
});
