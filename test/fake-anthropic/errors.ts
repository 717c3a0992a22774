// Error bodies and ids in the shapes the real API uses.
import { randomBytes } from 'node:crypto';

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** `prefix` + `01` + 22 base58 characters, like `msg_01XFDUDYJgAACzvnptvVoYEL`. */
export function newId(prefix: 'msg' | 'req' | 'toolu' | 'msgbatch'): string {
  const bytes = randomBytes(22);
  let s = '';
  for (const b of bytes) s += ALPHABET[b % ALPHABET.length];
  return `${prefix}_01${s}`;
}

/** `error.type` the real API sends for an HTTP status (docs /api/errors). */
export function errorTypeForStatus(status: number): string {
  switch (status) {
    case 400:
      return 'invalid_request_error';
    case 401:
      return 'authentication_error';
    case 402:
      return 'billing_error';
    case 403:
      return 'permission_error';
    case 404:
      return 'not_found_error';
    case 408:
      return 'timeout_error';
    case 409:
      return 'conflict_error';
    case 413:
      return 'request_too_large';
    case 429:
      return 'rate_limit_error';
    case 504:
      return 'timeout_error';
    case 529:
      return 'overloaded_error';
    default:
      return status >= 500 ? 'api_error' : 'invalid_request_error';
  }
}

const DEFAULT_MESSAGES: Record<string, string> = {
  invalid_request_error: 'Invalid request',
  authentication_error: 'invalid x-api-key',
  billing_error: 'Your credit balance is too low to access the Anthropic API.',
  permission_error: 'Your API key does not have permission to use the specified resource.',
  not_found_error: 'Not found',
  timeout_error: 'Request timed out',
  conflict_error: 'Conflict',
  request_too_large: 'Request exceeds the maximum allowed number of bytes.',
  rate_limit_error: 'Number of request tokens has exceeded your per-minute rate limit',
  api_error: 'Internal server error',
  overloaded_error: 'Overloaded',
};

export function defaultErrorMessage(type: string): string {
  return DEFAULT_MESSAGES[type] ?? 'Error';
}

/** `{"type":"error","error":{"type":...,"message":...},"request_id":"req_..."}` (compact, as the API sends it). */
export function errorBody(type: string, message: string, requestId: string, errorCode?: string): string {
  const error: Record<string, unknown> = { type, message };
  if (errorCode !== undefined) error.details = { error_code: errorCode };
  return JSON.stringify({ type: 'error', error, request_id: requestId });
}

/** Data line of a mid-stream `event: error` (spaced JSON, exactly like the docs' example). */
export function errorEventData(type: string, message: string): string {
  return `{"type": "error", "error": {"type": ${JSON.stringify(type)}, "message": ${JSON.stringify(message)}}}`;
}

/** A validation or routing failure on its way to becoming an HTTP error response. */
export class HttpFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errorType: string = errorTypeForStatus(status),
  ) {
    super(message);
  }
}
