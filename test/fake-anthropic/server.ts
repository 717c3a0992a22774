// The HTTP server: binding, request log, auth, routing, scenario queue, and shutdown.
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { handleBatches } from './batch-routes';
import { BatchStore } from './batches';
import { HttpFailure, newId } from './errors';
import { echoScenario, handleMessages } from './messages';
import { findModel, listModels } from './models';
import { PromptCache } from './prompt-cache';
import { sendError, sendJson, type RequestContext } from './respond';
import type { FakeAnthropic, FakeAnthropicOptions, RecordedRequest, RequestOutcome, Scenario } from './types';
import { estimateInputTokens, validateCountTokensRequest } from './validate';

const MAX_BODY_BYTES = 32 * 1024 * 1024;
const DEFAULT_WAIT_MS = 5000;

function readBody(req: IncomingMessage): Promise<{ raw: Buffer; tooLarge: boolean }> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    req.on('data', (d: Buffer) => {
      size += d.length;
      if (size <= MAX_BODY_BYTES) parts.push(d);
    });
    const done = () => resolve({ raw: Buffer.concat(parts), tooLarge: size > MAX_BODY_BYTES });
    req.on('end', done);
    req.on('close', done); // client gone mid-body: record what arrived
    req.on('error', reject);
  });
}

function parseBody(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  const s = raw.toString('utf8');
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return s;
  }
}

function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

function apiKeyOf(headers: Record<string, string>): string | undefined {
  if (headers['x-api-key']) return headers['x-api-key'];
  const m = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '');
  return m?.[1]?.trim();
}

export async function startFakeAnthropic(opts: FakeAnthropicOptions = {}): Promise<FakeAnthropic> {
  const requests: RecordedRequest[] = [];
  const queue: Scenario[] = [];
  let fallback: Scenario = echoScenario;
  const events = new EventEmitter();
  events.setMaxListeners(0);
  const sockets = new Set<Socket>();
  const inFlight = new Set<AbortController>();
  let closing = false;
  let closed: Promise<void> | undefined;
  const cache = new PromptCache(opts.now ?? Date.now, opts.cache ?? true);
  const batches = new BatchStore({ now: opts.now ?? Date.now, defaultScenario: () => fallback });
  let baseUrl = '';

  async function route(ctx: RequestContext, method: string): Promise<void> {
    const { rec } = ctx;
    const key = apiKeyOf(rec.headers);
    if (!key) throw new HttpFailure(401, 'x-api-key header is required');
    if (opts.apiKey !== undefined && key !== opts.apiKey) throw new HttpFailure(401, 'invalid x-api-key');
    if (method === 'POST' && (rec.path === '/v1/messages' || rec.path === '/v1/messages/count_tokens')) {
      if (typeof rec.body === 'string') throw new HttpFailure(400, 'request body is not valid JSON');
    }
    if (method === 'POST' && rec.path === '/v1/messages') {
      return handleMessages(ctx, {
        nextScenario: () => queue.shift() ?? fallback,
        tokensPerSecond: opts.tokensPerSecond ?? 0,
        cache,
      });
    }
    if (handleBatches(ctx, method, batches, baseUrl)) return;
    if (method === 'POST' && rec.path === '/v1/messages/count_tokens') {
      const body = validateCountTokensRequest(rec.body);
      return sendJson(ctx, 200, JSON.stringify({ input_tokens: estimateInputTokens(body) }));
    }
    if (method === 'GET' && rec.path === '/v1/models') {
      return sendJson(ctx, 200, JSON.stringify(listModels(rec.query)));
    }
    const m = /^\/v1\/models\/([^/]+)$/.exec(rec.path);
    if (method === 'GET' && m) {
      const id = decodeURIComponent(m[1]!);
      const model = findModel(id);
      if (!model) throw new HttpFailure(404, `model: ${id}`);
      return sendJson(ctx, 200, JSON.stringify(model));
    }
    throw new HttpFailure(404, 'Not Found');
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const ac = new AbortController();
    inFlight.add(ac);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const rec: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: flattenHeaders(req),
      body: undefined,
      receivedAt: 0,
      requestId: newId('req'),
      status: 0,
      outcome: 'pending',
    };
    res.on('close', () => {
      ac.abort();
      inFlight.delete(ac);
      if (rec.outcome === 'pending') {
        rec.outcome = res.writableFinished ? 'completed' : closing ? 'server_closed' : 'client_closed';
      }
      events.emit('outcome');
    });
    const { raw, tooLarge } = await readBody(req);
    rec.body = parseBody(raw);
    rec.receivedAt = Date.now();
    requests.push(rec);
    events.emit('request');
    if (ac.signal.aborted) return;
    const ctx: RequestContext = { rec, res, signal: ac.signal };
    try {
      if (tooLarge) throw new HttpFailure(413, 'Request exceeds the maximum allowed number of bytes.');
      await route(ctx, rec.method);
    } catch (err) {
      if (err instanceof HttpFailure) sendError(ctx, err.status, { errorType: err.errorType, message: err.message });
      else sendError(ctx, 500, { message: `fake-anthropic: ${err instanceof Error ? err.message : String(err)}` });
    }
  }

  const server = createServer((req, res) => {
    onRequest(req, res).catch(() => res.destroy());
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;

  function waitFor<T>(what: string, check: () => T | undefined, timeoutMs: number): Promise<T> {
    return new Promise((resolve, reject) => {
      const tryNow = () => {
        const v = check();
        if (v === undefined) return;
        cleanup();
        resolve(v);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`fake-anthropic: timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        events.off('request', tryNow);
        events.off('outcome', tryNow);
      };
      events.on('request', tryNow);
      events.on('outcome', tryNow);
      tryNow();
    });
  }

  return {
    url: baseUrl,
    port,
    requests,
    enqueue: (...s) => void queue.push(...s),
    pending: () => queue.length,
    setDefault: (s) => void (fallback = s),
    waitForRequests: (n, timeoutMs = DEFAULT_WAIT_MS) =>
      waitFor(`${n} request(s) (have ${requests.length})`, () => (requests.length >= n ? requests.slice() : undefined), timeoutMs),
    waitForOutcome: (index, timeoutMs = DEFAULT_WAIT_MS) =>
      waitFor<RequestOutcome>(
        `the outcome of request #${index}`,
        () => {
          const o = requests[index]?.outcome;
          return o === undefined || o === 'pending' ? undefined : o;
        },
        timeoutMs,
      ),
    cache,
    batches,
    reset: () => {
      queue.length = 0;
      requests.length = 0;
      cache.clear();
      batches.reset();
    },
    close: () => {
      if (!closed) {
        closing = true;
        closed = new Promise<void>((resolve) => server.close(() => resolve()));
        for (const ac of inFlight) ac.abort();
        for (const s of sockets) s.destroy();
      }
      return closed;
    },
  };
}
