// Fake Anthropic server: authentication and the request log.
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { startFakeAnthropic, text } from '../../fake-anthropic';
import { rawRequest } from '../../fake-anthropic/http-client';
import { params, rejection, sdk } from './helpers';
import { useFakeAnthropic } from '../../support/useFakeAnthropic';

describe('fake Anthropic server', function () {
  const f = useFakeAnthropic();

  describe('auth and request log', () => {
    it('no credentials → 401 authentication_error', async () => {
      const res = await rawRequest(f.fake.url, '/v1/messages', { body: params(), auth: null });
      assert.equal(res.status, 401);
      assert.equal(JSON.parse(res.body.toString()).error.type, 'authentication_error');
      const ok = await rawRequest(f.fake.url, '/v1/messages', { body: params(), auth: null, headers: { 'x-api-key': 'k' } });
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
      await f.client.messages.stream(params('log me')).finalMessage();
      const [rec] = await f.fake.waitForRequests(1);
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
      await assert.rejects(f.fake.waitForRequests(1, 20), /timed out/);
      f.fake.enqueue(text('x'));
      await f.client.messages.create(params());
      f.fake.enqueue(text('y'));
      f.fake.reset();
      assert.equal(f.fake.requests.length, 0);
      assert.equal(f.fake.pending(), 0);
    });
  });
});
