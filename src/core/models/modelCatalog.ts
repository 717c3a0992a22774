// The model list: fetched from the API once and cached, with the built-in table when the call fails.
import { BUILT_IN_MODELS, type ModelInfo, unknownModel } from './modelInfo';

export interface ModelCatalogDeps {
  /** Lists models from the API (GET /v1/models, all pages). */
  readonly fetchModels: () => Promise<readonly ModelInfo[]>;
  readonly now?: () => number;
  /** How long a successful list is reused. */
  readonly ttlMs?: number;
  /** How soon to try again after a failed fetch. */
  readonly retryAfterFailureMs?: number;
}

export interface ModelList {
  readonly models: readonly ModelInfo[];
  /** Set when the API could not be asked and the built-in table is shown instead. */
  readonly fallbackReason?: string;
}

export class ModelCatalog {
  private cached: { list: ModelList; at: number; ok: boolean } | undefined;
  private inFlight: Promise<ModelList> | undefined;

  constructor(private readonly deps: ModelCatalogDeps) {}

  /** The model list; never rejects. */
  list(): Promise<ModelList> {
    const now = (this.deps.now ?? Date.now)();
    if (this.cached) {
      const maxAge = this.cached.ok ? (this.deps.ttlMs ?? 3_600_000) : (this.deps.retryAfterFailureMs ?? 60_000);
      if (now - this.cached.at < maxAge) return Promise.resolve(this.cached.list);
    }
    this.inFlight ??= this.fetch(now).finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  /** Best current knowledge about one model without waiting: cached list, then the built-in table. */
  get(id: string): ModelInfo {
    return this.cached?.list.models.find((m) => m.id === id) ?? BUILT_IN_MODELS.find((m) => m.id === id) ?? unknownModel(id);
  }

  invalidate(): void {
    this.cached = undefined;
  }

  private async fetch(now: number): Promise<ModelList> {
    try {
      const models = await this.deps.fetchModels();
      if (models.length === 0) throw new Error('the API listed no models');
      const list = { models };
      this.cached = { list, at: now, ok: true };
      return list;
    } catch (error) {
      const list = { models: BUILT_IN_MODELS, fallbackReason: error instanceof Error ? error.message : String(error) };
      this.cached = { list, at: now, ok: false };
      return list;
    }
  }
}
