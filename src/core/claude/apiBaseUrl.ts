// Where the API key may be sent. `claudeCompanion.apiBaseUrl` must be https://, or http:// to a loopback
// host (a local proxy or the test fake); anything else is refused before a request leaves. And no request
// (batch results are fetched from the absolute URL the server names) goes to any other origin.
import type { Middleware } from '@anthropic-ai/sdk';

/** The setting's value cannot be used as the API address. */
export class UnsafeApiBaseUrlError extends Error {
  override readonly name = 'UnsafeApiBaseUrlError';
  constructor(readonly value: string) {
    super(`claudeCompanion.apiBaseUrl is refused: ${value}`);
  }
}

/**
 * A request (in practice: a batch's absolute `results_url`) would go to an origin other than the API's.
 * The SDK sends the key's headers with every request, so it is refused before it leaves.
 */
export class ForeignOriginError extends Error {
  override readonly name = 'ForeignOriginError';
  constructor(
    readonly url: string,
    readonly apiOrigin: string,
  ) {
    super(`Refused to send a request to ${url}: it is not on the API origin ${apiOrigin}.`);
  }
}

/**
 * The base URL to give the SDK: undefined for an empty setting (the SDK default), the trimmed value when
 * it is safe. Throws UnsafeApiBaseUrlError otherwise.
 */
export function checkApiBaseUrl(raw: string): string | undefined {
  const value = raw.trim();
  if (value === '') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UnsafeApiBaseUrlError(value);
  }
  if (url.protocol === 'https:' && url.hostname !== '') return value;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return value;
  throw new UnsafeApiBaseUrlError(value);
}

/**
 * localhost, 127.0.0.0/8 and [::1]. `hostname` is as the URL parser normalised it (so `0x7f.1` is already
 * `127.0.0.1`, and `127.0.0.1.evil.example` stays a domain name that does not match).
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host === '[::1]') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * SDK middleware that lets requests go to the API origin only (`apiOrigin` is read per request: the
 * client's own base URL). Middleware errors reach the caller as they are, without retries.
 */
export function apiOriginOnly(apiOrigin: () => string): Middleware {
  return async (request, next) => {
    const origin = apiOrigin();
    if (originOf(request.url) !== origin) throw new ForeignOriginError(request.url, origin);
    return next(request);
  };
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
