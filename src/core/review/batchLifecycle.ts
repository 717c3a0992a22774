// One workspace review batch from submit (or resume after a reload) to its results: poll with capped,
// jittered exponential backoff, cancel on request, then read the results file into outcomes. Clock,
// sleep and randomness are injected so tests run instantly and deterministically.
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './batchBackoff';
import type { BatchReviewCodec } from './batchCodec';
import { customIdsFor } from './batchIds';
import { collectOutcomes, type BatchReviewOutcome, type ReadReviewedFile } from './batchResults';
import type { BatchesPort, BatchInfo, BatchRecord, BatchRequest, ReviewFile } from './batchTypes';

export interface BatchClock {
  now(): number;
  /** Resolves after `ms`, or as soon as `signal` aborts (never rejects). */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export const SYSTEM_CLOCK: BatchClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal.aborted) return resolve();
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
    }),
};

export interface LifecycleOptions {
  readonly clock?: BatchClock;
  readonly backoff?: BackoffPolicy;
  /** [0, 1) for the jitter; Math.random by default. */
  readonly random?: () => number;
}

/** What the requests of a review will be, before anything is sent (the cost estimate reads it). */
export interface PreparedBatch {
  readonly model: string;
  readonly requests: readonly BatchRequest[];
  /** custom_id → path. */
  readonly files: Readonly<Record<string, string>>;
}

export function prepareBatch(files: readonly ReviewFile[], codec: BatchReviewCodec, model: string): PreparedBatch {
  const ids = customIdsFor(files.map((f) => f.path));
  const requests = Object.keys(ids).map((custom_id, i) => ({ custom_id, params: codec.request(files[i]!) }));
  return { model, requests, files: ids };
}

/** One poll's news: the batch (when the request worked) or the error that will be retried. */
export interface PollReport {
  readonly batch?: BatchInfo;
  readonly error?: unknown;
  readonly polls: number;
  /** Wait before the next poll. */
  readonly nextPollMs: number;
}

/** The batch is gone for this key (404): nothing left to wait for. */
export class BatchGoneError extends Error {
  override readonly name = 'BatchGoneError';
  constructor(readonly batchId: string, options?: { cause?: unknown }) {
    super(`Batch ${batchId} no longer exists.`, options);
  }
}

export class WorkspaceBatch {
  private last: BatchInfo | undefined;
  private wake: AbortController | undefined;
  /** Set by cancel() while no pause is running, so the next pause is skipped. */
  private wakeEarly = false;
  private canceled = false;

  private constructor(
    private readonly port: BatchesPort,
    readonly record: BatchRecord,
    private readonly options: LifecycleOptions,
    created?: BatchInfo,
  ) {
    this.last = created;
  }

  /** Creates the batch; the record to persist is `record` of the result. */
  static async submit(port: BatchesPort, prepared: PreparedBatch, options: LifecycleOptions = {}, signal?: AbortSignal): Promise<WorkspaceBatch> {
    const created = await port.create(prepared.requests, signal);
    const now = (options.clock ?? SYSTEM_CLOCK).now();
    const record: BatchRecord = { batchId: created.id, files: prepared.files, submittedAt: new Date(now).toISOString(), model: prepared.model };
    return new WorkspaceBatch(port, record, options, created);
  }

  /** Picks up a batch from its persisted record (after a window reload); nothing is sent yet. */
  static resume(port: BatchesPort, record: BatchRecord, options: LifecycleOptions = {}): WorkspaceBatch {
    return new WorkspaceBatch(port, record, options);
  }

  get id(): string {
    return this.record.batchId;
  }

  /** The latest state seen, if any. */
  get status(): BatchInfo | undefined {
    return this.last;
  }

  get cancelRequested(): boolean {
    return this.canceled;
  }

  /**
   * Polls until processing has ended. Transient failures are retried on the same schedule; anything else
   * rejects (BatchGoneError for a batch that no longer exists). Rejects with the signal's reason on abort.
   */
  async waitUntilEnded(opts: { signal: AbortSignal; onPoll?: (report: PollReport) => void }): Promise<BatchInfo> {
    const { signal, onPoll } = opts;
    const clock = this.options.clock ?? SYSTEM_CLOCK;
    const policy = this.options.backoff ?? DEFAULT_BACKOFF;
    let attempt = 0;
    let polls = 0;
    // Right after create the state is known; after a resume it is not, so look first.
    let skipPoll = this.last !== undefined;
    for (;;) {
      signal.throwIfAborted();
      let error: unknown;
      if (!skipPoll) {
        try {
          polls++;
          this.last = await this.port.retrieve(this.id, signal);
        } catch (e) {
          signal.throwIfAborted();
          if (this.port.isGone(e)) throw new BatchGoneError(this.id, { cause: e });
          if (!this.port.isTransient(e)) throw e;
          error = e;
        }
      }
      skipPoll = false;
      if (!error && this.last?.processing_status === 'ended') return this.last;
      const nextPollMs = backoffDelay(policy, attempt++, this.options.random);
      onPoll?.({ ...(error ? { error } : { batch: this.last! }), polls, nextPollMs });
      await this.pause(clock, nextPollMs, signal);
    }
  }

  /** Asks the API to cancel; polling then sees `canceling` and soon `ended`. An ended batch is fine. */
  async cancel(): Promise<void> {
    this.canceled = true;
    try {
      this.last = await this.port.cancel(this.id);
    } catch (error) {
      if (this.port.isGone(error)) throw new BatchGoneError(this.id, { cause: error });
      // 400: it ended meanwhile; the next poll sees that.
      if (!this.port.isInvalidRequest(error)) throw error;
    }
    if (this.wake) this.wake.abort();
    else this.wakeEarly = true;
  }

  /** Reads the results of an ended batch into one outcome per file. */
  async results(codec: BatchReviewCodec, readFile: ReadReviewedFile, signal?: AbortSignal): Promise<BatchReviewOutcome> {
    let lines;
    try {
      lines = await this.port.results(this.id, signal);
    } catch (error) {
      if (this.port.isGone(error)) throw new BatchGoneError(this.id, { cause: error });
      throw error;
    }
    return collectOutcomes(this.record, lines, codec, readFile);
  }

  /** Sleeps, waking early on cancel() (so its effect shows at once) or abort. */
  private async pause(clock: BatchClock, ms: number, signal: AbortSignal): Promise<void> {
    if (this.wakeEarly) {
      this.wakeEarly = false;
      return;
    }
    const wake = new AbortController();
    this.wake = wake;
    const onAbort = () => wake.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      await clock.sleep(ms, wake.signal);
    } finally {
      signal.removeEventListener('abort', onAbort);
      this.wake = undefined;
    }
  }
}
