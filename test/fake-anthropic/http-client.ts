// Tiny raw HTTP client and SSE splitter for tests that must see the exact bytes on the wire (no SDK involved).
import { request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  /** The body exactly as received (after de-chunking). */
  body: Buffer;
}

export interface RawRequestOptions {
  method?: string;
  headers?: Record<string, string>;
  /** Objects are JSON-encoded; strings are sent as they are. */
  body?: unknown;
  /** Authorization header value; default `Bearer test`; null sends no credentials. */
  auth?: string | null;
}

/** One request with node:http; resolves with the whole body once the response ends. */
export function rawRequest(baseUrl: string, path: string, opts: RawRequestOptions = {}): Promise<RawResponse> {
  const payload =
    opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
  const headers: Record<string, string> = {
    ...(payload !== undefined && { 'content-type': 'application/json' }),
    ...(opts.auth !== null && { authorization: opts.auth ?? 'Bearer test' }),
    'anthropic-version': '2026-10-21',
    ...opts.headers,
  };
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, baseUrl), { method: opts.method ?? (payload ? 'POST' : 'GET'), headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('error', reject);
      res.on('end', () => {
        const flat: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) {
          if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(', ') : v;
        }
        resolve({ status: res.statusCode ?? 0, headers: flat, body: Buffer.concat(parts) });
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

export interface SseEvent {
  event: string | null;
  data: string;
  /** The event's lines as sent (comments included), without the terminating blank line. */
  lines: string[];
}

/** Splits SSE text into events per the WHATWG rules (LF, CRLF or CR line ends; `:` comments skipped). */
export function parseSseText(raw: string): SseEvent[] {
  const out: SseEvent[] = [];
  let lines: string[] = [];
  let event: string | null = null;
  let data: string[] | null = null;
  const flush = () => {
    if (event !== null || data !== null) out.push({ event, data: (data ?? []).join('\n'), lines });
    lines = [];
    event = null;
    data = null;
  };
  for (const line of raw.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    if (line === '') {
      flush();
      continue;
    }
    lines.push(line);
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') (data ??= []).push(value);
  }
  flush();
  return out;
}
