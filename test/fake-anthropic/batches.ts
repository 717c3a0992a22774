// The fake's Message Batches: state, deterministic processing and the test controls (`fake.batches`).
// A batch is `in_progress` until it has been retrieved `endAfterPolls` times or a test calls complete();
// each request's outcome is chosen when the batch is created (respond()), so results are reproducible.
import { errorBody, HttpFailure, newId } from './errors';
import { resolveScenario } from './messages';
import { planMessage, type GeneratedScenario } from './plan';
import type { BatchBehaviour, BatchOutcome, BatchResponder, FakeBatchCounts, FakeBatchRequest, FakeBatches, FakeMessageBatch } from './batch-types';
import type { MessagesRequestBody, RecordedRequest, Scenario } from './types';

const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_BEHAVIOUR: Required<BatchBehaviour> = { endAfterPolls: 2, processedBeforeCancel: 0, resultsBaseUrl: null };

/** What one request ended as, in the results file's `result` shape. */
type FinalResult =
  | { type: 'succeeded'; message: Record<string, unknown> }
  | { type: 'errored'; error: unknown }
  | { type: 'expired' }
  | { type: 'canceled' };

interface StoredBatch {
  readonly id: string;
  readonly requests: readonly FakeBatchRequest[];
  readonly outcomes: readonly FinalResult[];
  readonly behaviour: Required<BatchBehaviour>;
  readonly createdAt: number;
  readonly resultsUrl: string;
  status: FakeMessageBatch['processing_status'];
  /** Per request once ended. */
  final: FinalResult[] | undefined;
  endedAt: number | undefined;
  cancelAt: number | undefined;
  polls: number;
}

export const batchSucceeded = (scenario?: Scenario): BatchOutcome => (scenario ? { type: 'succeeded', scenario } : { type: 'succeeded' });
export const batchErrored = (errorType = 'api_error', message?: string): BatchOutcome => ({ type: 'errored', errorType, ...(message !== undefined ? { message } : {}) });
export const batchExpired = (): BatchOutcome => ({ type: 'expired' });
export const batchCanceled = (): BatchOutcome => ({ type: 'canceled' });

export interface BatchStoreDeps {
  readonly now: () => number;
  /** The server's default answer (setDefault / echo), for `succeeded` without a scenario. */
  readonly defaultScenario: () => Scenario;
}

export class BatchStore implements FakeBatches {
  private readonly batches = new Map<string, StoredBatch>();
  private behaviour: Required<BatchBehaviour> = DEFAULT_BEHAVIOUR;
  private responder: BatchResponder = () => batchSucceeded();

  constructor(private readonly deps: BatchStoreDeps) {}

  // ---- test controls ----
  configure(behaviour: BatchBehaviour): void {
    this.behaviour = { ...this.behaviour, ...behaviour };
  }

  respond(responder: BatchResponder): void {
    this.responder = responder;
  }

  complete(id?: string): void {
    const targets = id === undefined ? [...this.batches.values()] : [this.mustFind(id)];
    for (const b of targets) if (b.status !== 'ended') this.end(b, b.status === 'canceling' ? 'canceled' : undefined);
  }

  expire(id: string): void {
    const b = this.mustFind(id);
    if (b.status !== 'ended') this.end(b, 'expired');
  }

  get(id: string): FakeMessageBatch | undefined {
    const b = this.batches.get(id);
    return b && this.view(b);
  }

  requests(id: string): readonly FakeBatchRequest[] {
    return this.mustFind(id).requests;
  }

  ids(): string[] {
    return [...this.batches.keys()];
  }

  polls(id: string): number {
    return this.mustFind(id).polls;
  }

  /** Forgets every batch and restores the default behaviour and responder. */
  reset(): void {
    this.batches.clear();
    this.behaviour = DEFAULT_BEHAVIOUR;
    this.responder = () => batchSucceeded();
  }

  // ---- the API ----
  create(requests: readonly FakeBatchRequest[], notFound: ReadonlyMap<number, string>, rec: RecordedRequest, baseUrl: string): FakeMessageBatch {
    const id = newId('msgbatch');
    const outcomes = requests.map((r, i) => {
      const model = notFound.get(i);
      if (model !== undefined) return errored('not_found_error', `model: ${model}`);
      return this.materialize(this.responder(r, i), r, rec);
    });
    const batch: StoredBatch = {
      id,
      requests,
      outcomes,
      behaviour: this.behaviour,
      createdAt: this.deps.now(),
      resultsUrl: `${this.behaviour.resultsBaseUrl ?? baseUrl}/v1/messages/batches/${id}/results`,
      status: 'in_progress',
      final: undefined,
      endedAt: undefined,
      cancelAt: undefined,
      polls: 0,
    };
    this.batches.set(id, batch);
    return this.view(batch);
  }

  /** GET: counts as a poll, which may end the batch. */
  retrieve(id: string): FakeMessageBatch {
    const b = this.mustFind(id);
    b.polls++;
    if (b.status === 'canceling') this.end(b, 'canceled');
    else if (b.status === 'in_progress' && b.behaviour.endAfterPolls !== null && b.polls >= b.behaviour.endAfterPolls) this.end(b);
    return this.view(b);
  }

  /** Newest first, paged like every list endpoint (`limit` 1–1000, default 20; `after_id` / `before_id`). */
  list(query: Record<string, string>) {
    const all = [...this.batches.values()].reverse();
    const limit = query.limit === undefined ? 20 : Number(query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new HttpFailure(400, 'limit: Input should be between 1 and 1000');
    const indexOf = (cursor: string) => {
      const i = all.findIndex((b) => b.id === cursor);
      if (i < 0) throw new HttpFailure(404, `message_batch: ${cursor}`);
      return i;
    };
    let page: StoredBatch[];
    let hasMore: boolean;
    if (query.before_id !== undefined) {
      const end = indexOf(query.before_id);
      const start = Math.max(0, end - limit);
      page = all.slice(start, end);
      hasMore = start > 0;
    } else {
      const start = query.after_id !== undefined ? indexOf(query.after_id) + 1 : 0;
      page = all.slice(start, start + limit);
      hasMore = start + limit < all.length;
    }
    const data = page.map((b) => this.view(b));
    return { data, has_more: hasMore, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null };
  }

  cancel(id: string): FakeMessageBatch {
    const b = this.mustFind(id);
    if (b.status === 'ended') throw new HttpFailure(400, `Batch ${id} has already ended and cannot be canceled.`);
    if (b.status === 'in_progress') {
      b.status = 'canceling';
      b.cancelAt = this.deps.now();
    }
    return this.view(b);
  }

  delete(id: string): { id: string; type: 'message_batch_deleted' } {
    const b = this.mustFind(id);
    if (b.status !== 'ended') throw new HttpFailure(400, `Batch ${id} is still processing; cancel it before deleting it.`);
    this.batches.delete(id);
    return { id, type: 'message_batch_deleted' };
  }

  /** The results file: one JSON line per request, deliberately NOT in request order (match by custom_id). */
  results(id: string): string {
    const b = this.mustFind(id);
    if (!b.final) throw new HttpFailure(400, `Batch ${id} is still ${b.status}; results are available once processing has ended.`);
    const lines = b.requests.map((r, i) => JSON.stringify({ custom_id: r.custom_id, result: b.final![i] }));
    return lines.reverse().map((l) => `${l}\n`).join('');
  }

  // ---- internals ----
  private mustFind(id: string): StoredBatch {
    const b = this.batches.get(id);
    if (!b) throw new HttpFailure(404, `message_batch: ${id}`);
    return b;
  }

  /** `unprocessed`: what requests not yet processed become (canceled / expired); undefined: all processed. */
  private end(b: StoredBatch, unprocessed?: 'canceled' | 'expired'): void {
    const kept = unprocessed === 'canceled' ? b.behaviour.processedBeforeCancel : unprocessed === 'expired' ? 0 : b.outcomes.length;
    b.final = b.outcomes.map((o, i) => (i < kept ? o : { type: unprocessed! }));
    b.status = 'ended';
    b.endedAt = this.deps.now();
  }

  private materialize(outcome: BatchOutcome, request: FakeBatchRequest, rec: RecordedRequest): FinalResult {
    if (outcome.type !== 'succeeded') {
      return outcome.type === 'errored' ? errored(outcome.errorType ?? 'api_error', outcome.message ?? 'Internal server error') : { type: outcome.type };
    }
    const s = resolveScenario(outcome.scenario ?? this.deps.defaultScenario(), { ...rec, body: request.params });
    if (s.kind === 'http_error') return errored(s.errorType ?? 'api_error', s.message ?? 'Internal server error');
    if (s.kind === 'replay') throw new HttpFailure(500, 'fake-anthropic: replay scenarios cannot answer batch requests', 'api_error');
    const message = planMessage(s as GeneratedScenario, request.params as MessagesRequestBody).message;
    return { type: 'succeeded', message };
  }

  private view(b: StoredBatch): FakeMessageBatch {
    const counts: FakeBatchCounts = { processing: 0, succeeded: 0, errored: 0, canceled: 0, expired: 0 };
    if (b.final) for (const r of b.final) counts[r.type]++;
    else counts.processing = b.requests.length;
    const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
    return {
      id: b.id,
      type: 'message_batch',
      processing_status: b.status,
      request_counts: counts,
      created_at: new Date(b.createdAt).toISOString(),
      ended_at: iso(b.endedAt),
      expires_at: new Date(b.createdAt + DAY_MS).toISOString(),
      archived_at: null,
      cancel_initiated_at: iso(b.cancelAt),
      results_url: b.final ? b.resultsUrl : null,
    };
  }
}

/** An `errored` result: the error response the request would have got from /v1/messages. */
function errored(type: string, message: string): FinalResult {
  return { type: 'errored', error: JSON.parse(errorBody(type, message, newId('req'))) as unknown };
}
