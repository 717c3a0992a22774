import assert from 'node:assert/strict';
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';
import { MissingApiKeyError, StalledStreamError, isUserAbort, toErrorInfo } from '../../src/core/claude/errors';

function apiError(status: number | undefined, type: string, headers: Record<string, string> = {}): APIError {
  const body = { type: 'error', error: { type, message: 'whatever the server says' }, request_id: 'req_123' };
  return APIError.generate(status, body, undefined, new Headers({ 'request-id': 'req_123', ...headers }));
}

describe('toErrorInfo', () => {
  const cases: [number, string, string, string][] = [
    [401, 'authentication_error', 'authentication', 'setApiKey'],
    [403, 'permission_error', 'permission', 'setApiKey'],
    [404, 'not_found_error', 'not_found', 'selectModel'],
    [413, 'request_too_large', 'too_large', 'newChat'],
    [429, 'rate_limit_error', 'rate_limit', 'retry'],
    [500, 'api_error', 'server', 'retry'],
    [529, 'overloaded_error', 'overloaded', 'retry'],
    [400, 'invalid_request_error', 'invalid_request', 'showLog'],
  ];
  for (const [status, type, kind, action] of cases) {
    it(`maps HTTP ${status} ${type} to ${kind} with ${action}`, () => {
      const info = toErrorInfo(apiError(status, type));
      assert.equal(info.kind, kind);
      assert.equal(info.actions[0], action);
      assert.equal(info.status, status);
      assert.equal(info.requestId, 'req_123');
      assert.ok(info.title.length > 0 && info.detail.length > 0);
    });
  }

  it('maps a mid-stream `event: error` (no status) by error.type, not by message', () => {
    // Built the way the SDK's stream builds it on `event: error` (status undefined, type from the body).
    const body = { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } };
    const err = new APIError(undefined, body, undefined, new Headers(), 'overloaded_error');
    assert.equal(err.status, undefined);
    assert.equal(toErrorInfo(err).kind, 'overloaded');
  });

  it('does not read the message text', () => {
    const err = APIError.generate(400, { type: 'error', error: { type: 'invalid_request_error', message: 'overloaded 401 api key' } }, undefined, new Headers());
    assert.equal(toErrorInfo(err).kind, 'invalid_request');
  });

  it('maps connection errors, timeouts, a missing key and a stalled stream', () => {
    assert.equal(toErrorInfo(new APIConnectionError({ message: 'x' })).kind, 'connection');
    assert.equal(toErrorInfo(new APIConnectionTimeoutError()).kind, 'timeout');
    assert.deepEqual(toErrorInfo(new MissingApiKeyError()).actions, ['setApiKey']);
    const stalled = toErrorInfo(new StalledStreamError(30));
    assert.equal(stalled.kind, 'stalled');
    assert.ok(stalled.title.includes('30'));
  });

  it('recognises user aborts', () => {
    assert.equal(isUserAbort(new APIUserAbortError()), true);
    assert.equal(isUserAbort(new APIConnectionError({ message: 'x' })), false);
  });
});
