// Per-request context and the plain JSON / error responses.
import type { ServerResponse } from 'node:http';
import { defaultErrorMessage, errorBody, errorTypeForStatus } from './errors';
import type { RecordedRequest } from './types';

/** What a handler needs to answer one request. */
export interface RequestContext {
  rec: RecordedRequest;
  res: ServerResponse;
  /** Aborted when the client goes away or the server closes. */
  signal: AbortSignal;
}

export function sendJson(ctx: RequestContext, status: number, body: string, headers: Record<string, string> = {}): void {
  const { res, rec } = ctx;
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, {
    'content-type': 'application/json',
    'request-id': rec.requestId,
    'content-length': String(Buffer.byteLength(body)),
    ...headers,
  });
  rec.status = status;
  res.end(body);
}

/** Error response with the API's exact body shape. */
export function sendError(
  ctx: RequestContext,
  status: number,
  opts: { errorType?: string; message?: string; headers?: Record<string, string>; errorCode?: string } = {},
): void {
  const type = opts.errorType ?? errorTypeForStatus(status);
  const body = errorBody(type, opts.message ?? defaultErrorMessage(type), ctx.rec.requestId, opts.errorCode);
  sendJson(ctx, status, body, opts.headers);
}

/** HTTP status the API uses for an error type (for errors that cannot be sent mid-stream). */
export function statusForErrorType(type: string): number {
  switch (type) {
    case 'overloaded_error':
      return 529;
    case 'rate_limit_error':
      return 429;
    case 'invalid_request_error':
      return 400;
    case 'timeout_error':
      return 504;
    default:
      return 500;
  }
}
