// The seam between the chat logic and the Claude client: no SDK types cross it, so the SDK can be
// loaded lazily (it costs ~55 ms to load, far too much for activation).
import type { ModelList } from '../models/modelCatalog';
import type { BatchesPort } from '../review/batchTypes';
import type { ApiMessage, ApiToolParam, ToolChoice } from './apiTypes';
import type { ClaudeStreamEvent, TurnResult } from './streamEvents';
import type { ContextService, SummaryRequest, SummaryResult, TokenCountRequest } from '../context/contextService';
import { TurnFailure } from './turnFailure';
import { t } from '../l10n';
import { logFailure, NO_LOG, type Logger } from '../log';

// Callers of the streamer find its failure type and message shape here too.
export { TurnFailure, stoppedFailure } from './turnFailure';
export type { ApiMessage } from './apiTypes';

export interface TurnRequest {
  readonly messages: readonly ApiMessage[];
  /** Tool definitions for this request (the agent loop's tools); none for plain chat. */
  readonly tools?: readonly ApiToolParam[];
  /** Forces a tool (e.g. a review's report_findings); thinking is then turned off where the model allows. */
  readonly toolChoice?: ToolChoice;
  /** Replaces the chat's system prompt (e.g. for a code review). */
  readonly system?: string;
  readonly signal: AbortSignal;
  readonly onEvent: (event: ClaudeStreamEvent) => void;
}

export interface TurnStreamer {
  /** Streams one assistant turn. Rejects only with a TurnFailure. */
  streamTurn(request: TurnRequest): Promise<TurnResult>;
}

export interface ModelSource {
  /** The models the key can use; never rejects (falls back to the built-in table). */
  listModels(): Promise<ModelList>;
}

export type ClaudeService = TurnStreamer & ModelSource & ContextService;

/** The Message Batches API of the loaded client. Rejects with MissingApiKeyError without a key. */
export interface BatchSource {
  batches(): Promise<BatchesPort>;
}

/** Loads the real client on first use; `preload()` lets the editor warm it off the activation path. */
export class LazyTurnStreamer implements ClaudeService, BatchSource {
  private loading: Promise<ClaudeService> | undefined;

  constructor(
    private readonly load: () => Promise<ClaudeService>,
    private readonly log: Logger = NO_LOG,
  ) {}

  async batches(): Promise<BatchesPort> {
    let service: ClaudeService & Partial<BatchSource>;
    try {
      service = await this.get();
    } catch (error) {
      this.loading = undefined;
      throw error;
    }
    if (typeof service.batches !== 'function') throw new Error('This Claude client has no Message Batches API.');
    return service.batches();
  }

  async listModels(): Promise<ModelList> {
    return (await this.get()).listModels();
  }

  preload(): void {
    // Only logged here: the first real use reports the same failure to the user (and loads again after).
    void this.get().catch(logFailure(this.log, 'warn', 'Preloading the Claude client failed'));
  }

  async streamTurn(request: TurnRequest): Promise<TurnResult> {
    let streamer: ClaudeService;
    try {
      streamer = await this.get();
    } catch (error) {
      this.loading = undefined;
      const detail = error instanceof Error ? error.message : String(error);
      throw new TurnFailure({ kind: 'unexpected', title: t('The Claude client failed to load.'), detail, actions: ['retry', 'showLog'] }, false, { cause: error });
    }
    return streamer.streamTurn(request);
  }

  async countTokens(request: TokenCountRequest): Promise<number> {
    return (await this.get()).countTokens(request);
  }

  async summarize(request: SummaryRequest): Promise<SummaryResult> {
    let service: ClaudeService;
    try {
      service = await this.get();
    } catch (error) {
      this.loading = undefined;
      const detail = error instanceof Error ? error.message : String(error);
      throw new TurnFailure({ kind: 'unexpected', title: t('The Claude client failed to load.'), detail, actions: ['retry', 'showLog'] }, false, { cause: error });
    }
    return service.summarize(request);
  }

  private get(): Promise<ClaudeService> {
    this.loading ??= this.load();
    return this.loading;
  }
}
