// Fake Anthropic server: HTTP error statuses, their SDK error classes and retry headers.
import assert from 'node:assert/strict';
import Anthropic, { type APIError } from '@anthropic-ai/sdk';
import { httpError, text } from '../../fake-anthropic';
import { rawRequest } from '../../fake-anthropic/http-client';
import { params, rejection, sdk } from './helpers';
import { useFakeAnthropic } from '../../support/useFakeAnthropic';

describe('fake Anthropic server', function () {
  const f = useFakeAnthropic();

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
        f.fake.enqueue(httpError(status), httpError(status));
        const err = await rejection(f.client.messages.stream(params()).finalMessage());
        assert.ok(err instanceof cls, `got ${String(err)}`);
        assert.equal(err.status, status);
        assert.equal(err.type, type);
        assert.equal(err.requestID, f.fake.requests[0]!.requestId);
        const res = await rawRequest(f.fake.url, '/v1/messages', { body: params() });
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
      f.fake.enqueue(httpError(429, { headers: { 'retry-after-ms': '30' } }), text('second time lucky'));
      const msg = await sdk(f.fake, { maxRetries: 1 }).messages.stream(params()).finalMessage();
      assert.deepEqual(msg.content, [{ type: 'text', text: 'second time lucky' }]);
      const [a, b] = f.fake.requests;
      assert.equal(f.fake.requests.length, 2);
      assert.equal(a!.headers['x-stainless-retry-count'], '0');
      assert.equal(b!.headers['x-stainless-retry-count'], '1');
      assert.ok(b!.receivedAt - a!.receivedAt >= 29, `retried after ${b!.receivedAt - a!.receivedAt} ms`);
    });

    it('retry-after (seconds) is honoured', async () => {
      f.fake.enqueue(httpError(529, { headers: { 'retry-after': '0.05' } }), text('ok'));
      const msg = await sdk(f.fake, { maxRetries: 1 }).messages.create(params());
      assert.equal(msg.content[0]!.type, 'text');
      assert.ok(f.fake.requests[1]!.receivedAt - f.fake.requests[0]!.receivedAt >= 49);
    });

    it('x-should-retry: false stops the SDK from retrying a 500', async () => {
      f.fake.enqueue(httpError(500, { headers: { 'x-should-retry': 'false' } }), text('never sent'));
      const err = await rejection(sdk(f.fake, { maxRetries: 2 }).messages.create(params()));
      assert.ok(err instanceof Anthropic.InternalServerError);
      assert.equal(f.fake.requests.length, 1);
      assert.equal(f.fake.pending(), 1);
    });

    it('error_code goes into error.details', async () => {
      f.fake.enqueue(httpError(400, { errorCode: 'thread_unsupported_request' }));
      const err = await rejection(f.client.messages.create(params()));
      assert.ok(err instanceof Anthropic.BadRequestError);
      assert.equal(err.errorCode, 'thread_unsupported_request');
    });
  });
});
