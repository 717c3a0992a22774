// Types of the fake Message Batches API (no runtime code). See batches.ts for the behaviour.
import type { Scenario } from './types';

/** One entry of `requests` in `POST /v1/messages/batches`, as received (params already validated). */
export interface FakeBatchRequest {
  readonly custom_id: string;
  readonly params: Record<string, unknown>;
}

/**
 * What a request of a batch ends as. `succeeded` answers with the message a non-streaming /v1/messages
 * call would return for `scenario` (an `httpError` scenario turns into `errored` with its type).
 */
export type BatchOutcome =
  | { readonly type: 'succeeded'; readonly scenario?: Scenario }
  | { readonly type: 'errored'; readonly errorType?: string; readonly message?: string }
  | { readonly type: 'expired' }
  | { readonly type: 'canceled' };

/** Chooses each request's outcome when the batch is created. */
export type BatchResponder = (request: FakeBatchRequest, index: number) => BatchOutcome;

export interface BatchBehaviour {
  /**
   * The batch ends when it is retrieved for the Nth time (`1`: the first retrieve already sees `ended`).
   * `null`: only `complete()` / `expire()` end it. Default 2.
   */
  readonly endAfterPolls?: number | null;
  /** On cancel, this many requests (from the first) were already processed and keep their outcome. Default 0. */
  readonly processedBeforeCancel?: number;
  /** Origin (scheme://host:port) the batch's `results_url` points at; `null`: the fake itself. Default null. */
  readonly resultsBaseUrl?: string | null;
}

export type BatchProcessingStatus = 'in_progress' | 'canceling' | 'ended';

export interface FakeBatchCounts {
  processing: number;
  succeeded: number;
  errored: number;
  canceled: number;
  expired: number;
}

/** The `MessageBatch` JSON the fake sends. */
export interface FakeMessageBatch {
  id: string;
  type: 'message_batch';
  processing_status: BatchProcessingStatus;
  request_counts: FakeBatchCounts;
  created_at: string;
  ended_at: string | null;
  expires_at: string;
  archived_at: string | null;
  cancel_initiated_at: string | null;
  results_url: string | null;
}

/** Test control of the fake's batches (`fake.batches`). */
export interface FakeBatches {
  /** Behaviour of batches created from now on (merged over the current one). */
  configure(behaviour: BatchBehaviour): void;
  /** Outcome of each request of batches created from now on (default: succeeded with the default answer). */
  respond(responder: BatchResponder): void;
  /** Ends a batch now (every batch still processing when `id` is omitted). */
  complete(id?: string): void;
  /** Ends a batch as the 24-hour limit would: requests not yet processed become `expired`. */
  expire(id: string): void;
  /** The batch as GET would return it now (without counting a poll); undefined when unknown or deleted. */
  get(id: string): FakeMessageBatch | undefined;
  /** The requests a batch was created with. */
  requests(id: string): readonly FakeBatchRequest[];
  /** Ids of every batch not deleted, oldest first. */
  ids(): string[];
  /** How many times a batch was retrieved. */
  polls(id: string): number;
}
