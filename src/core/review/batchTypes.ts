// The workspace review on the Message Batches API: the port over the SDK's `messages.batches` and the
// shapes that cross it. Structural (snake_case as on the wire) so core never needs the SDK's types.

export type BatchProcessingStatus = 'in_progress' | 'canceling' | 'ended';

export interface BatchRequestCounts {
  readonly processing: number;
  readonly succeeded: number;
  readonly errored: number;
  readonly canceled: number;
  readonly expired: number;
}

/** The parts of the API's `MessageBatch` the review uses. */
export interface BatchInfo {
  readonly id: string;
  readonly processing_status: BatchProcessingStatus;
  readonly request_counts: BatchRequestCounts;
  readonly created_at: string;
  readonly ended_at: string | null;
  readonly expires_at: string;
  readonly cancel_initiated_at: string | null;
  readonly results_url: string | null;
}

/** Messages API params of one request (non-streaming); validated by the API, not here. */
export interface BatchMessageParams {
  readonly model: string;
  readonly max_tokens: number;
  readonly messages: readonly unknown[];
  readonly system?: unknown;
  readonly tools?: readonly unknown[];
  readonly [key: string]: unknown;
}

export interface BatchRequest {
  /** `^[a-zA-Z0-9_-]{1,64}$`, unique in the batch (see batchIds.ts). */
  readonly custom_id: string;
  readonly params: BatchMessageParams;
}

export interface BatchUsage {
  readonly input_tokens: number;
  readonly output_tokens: number;
  readonly cache_read_input_tokens?: number | null;
  readonly cache_creation_input_tokens?: number | null;
}

/** The assistant message of a succeeded request. */
export interface BatchMessage {
  readonly model: string;
  readonly content: readonly { readonly type: string; readonly name?: string; readonly input?: unknown; readonly text?: string }[];
  readonly stop_reason: string | null;
  readonly usage: BatchUsage;
}

export type BatchResult =
  | { readonly type: 'succeeded'; readonly message: BatchMessage }
  | { readonly type: 'errored'; readonly error: { readonly error?: { readonly type?: string; readonly message?: string } | null } }
  | { readonly type: 'canceled' }
  | { readonly type: 'expired' };

/** One line of the results file. */
export interface BatchResultLine {
  readonly custom_id: string;
  readonly result: BatchResult;
}

/** The SDK's `messages.batches`, reduced to what the review needs (see batchSdkPort.ts). */
export interface BatchesPort {
  create(requests: readonly BatchRequest[], signal?: AbortSignal): Promise<BatchInfo>;
  retrieve(id: string, signal?: AbortSignal): Promise<BatchInfo>;
  cancel(id: string): Promise<BatchInfo>;
  /** The results file, line by line (the SDK GETs the batch's absolute `results_url`). */
  results(id: string, signal?: AbortSignal): Promise<AsyncIterable<BatchResultLine>>;
  /** Worth retrying later: connection trouble, 408/409/429, 5xx/529. */
  isTransient(error: unknown): boolean;
  /** The batch no longer exists for this key (deleted, expired out of retention, another workspace). */
  isGone(error: unknown): boolean;
  /** The request was refused as invalid (400), e.g. canceling a batch that has just ended. */
  isInvalidRequest(error: unknown): boolean;
}

/**
 * What survives a window reload (workspaceState): enough to find the batch again and to map its results
 * back to files. `files` maps custom_id → workspace-relative path (folder name first in multi-root).
 */
export interface BatchRecord {
  readonly batchId: string;
  readonly files: Readonly<Record<string, string>>;
  /** ISO 8601. */
  readonly submittedAt: string;
  readonly model: string;
}

/** A file to review: its workspace-relative path (`/` separators) and its text. */
export interface ReviewFile {
  readonly path: string;
  readonly text: string;
}
