// HTTP side of the fake Message Batches API: /v1/messages/batches[/:id[/cancel|/results]].
// Creation validates every request's params exactly as /v1/messages does (400 names the request).
import type { FakeBatchRequest } from './batch-types';
import type { BatchStore } from './batches';
import { HttpFailure } from './errors';
import { sendJson, type RequestContext } from './respond';
import { validateMessagesRequest } from './validate';

const BATCHES = '/v1/messages/batches';
const MAX_REQUESTS = 100_000;
const CUSTOM_ID = /^[a-zA-Z0-9_-]{1,64}$/;

function bad(message: string): never {
  throw new HttpFailure(400, message);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The validated requests, and which ones name a model that does not exist (those error individually). */
export function validateBatchCreate(body: unknown): { requests: FakeBatchRequest[]; notFound: Map<number, string> } {
  if (typeof body === 'string') bad('request body is not valid JSON');
  if (!isObject(body)) bad('request body must be a JSON object');
  const list = body.requests;
  if (list === undefined) bad('requests: Field required');
  if (!Array.isArray(list)) bad('requests: Input should be a valid list');
  if (list.length === 0) bad('requests: List should have at least 1 item after validation, not 0');
  if (list.length > MAX_REQUESTS) bad(`requests: List should have at most ${MAX_REQUESTS} items after validation, not ${list.length}`);
  const seen = new Set<string>();
  const notFound = new Map<number, string>();
  const requests = list.map((entry: unknown, i: number): FakeBatchRequest => {
    if (!isObject(entry)) bad(`requests.${i}: Input should be a valid dictionary`);
    const id = entry.custom_id;
    if (id === undefined) bad(`requests.${i}.custom_id: Field required`);
    if (typeof id !== 'string' || !CUSTOM_ID.test(id)) bad(`requests.${i}.custom_id: String should match pattern '^[a-zA-Z0-9_-]{1,64}$'`);
    if (seen.has(id)) bad(`requests.${i}.custom_id: Duplicate custom_id \`${id}\`; custom_id values must be unique within a batch`);
    seen.add(id);
    const params = entry.params;
    if (params === undefined) bad(`requests.${i}.params: Field required`);
    if (!isObject(params)) bad(`requests.${i}.params: Input should be a valid dictionary`);
    if (params.stream === true) bad(`requests.${i}.params.stream: streaming is not supported for batch requests`);
    try {
      validateMessagesRequest(params);
    } catch (error) {
      // An unknown model is not a malformed batch: that request alone errors, as the API does.
      if (error instanceof HttpFailure && error.status === 404) notFound.set(i, String(params.model));
      else if (error instanceof HttpFailure) bad(`requests.${i}.params.${error.message}`);
      else throw error;
    }
    return { custom_id: id, params };
  });
  return { requests, notFound };
}

/** Answers a batches request, or returns false when the path is not a batches path. */
export function handleBatches(ctx: RequestContext, method: string, store: BatchStore, baseUrl: string): boolean {
  const { rec } = ctx;
  if (rec.path !== BATCHES && !rec.path.startsWith(`${BATCHES}/`)) return false;
  const json = (status: number, body: unknown) => sendJson(ctx, status, JSON.stringify(body));
  if (rec.path === BATCHES) {
    if (method === 'POST') {
      const { requests, notFound } = validateBatchCreate(rec.body);
      json(200, store.create(requests, notFound, rec, baseUrl));
      return true;
    }
    if (method === 'GET') {
      json(200, store.list(rec.query));
      return true;
    }
    throw new HttpFailure(405, `Method ${method} not allowed`, 'invalid_request_error');
  }
  const m = /^\/v1\/messages\/batches\/([^/]+)(?:\/(cancel|results))?$/.exec(rec.path);
  if (!m) throw new HttpFailure(404, 'Not Found');
  const id = decodeURIComponent(m[1]!);
  const action = m[2];
  if (action === 'cancel' && method === 'POST') json(200, store.cancel(id));
  else if (action === 'results' && method === 'GET') {
    const body = store.results(id);
    // The SDK asks with `Accept: application/binary` and reads the body as a JSONL stream.
    sendJson(ctx, 200, body, { 'content-type': 'application/binary' });
  } else if (action === undefined && method === 'GET') json(200, store.retrieve(id));
  else if (action === undefined && method === 'DELETE') json(200, store.delete(id));
  else throw new HttpFailure(405, `Method ${method} not allowed on ${rec.path}`, 'invalid_request_error');
  return true;
}
