// "Review Workspace (Batch, half price)": picks files by glob (under the tools' ignore rules and caps),
// confirms the count and estimated cost, submits one Message Batches request per file, follows the batch
// (progress notification + status bar, cancellable), survives window reloads through workspaceState,
// and turns the results into diagnostics plus a report that lists every file not reviewed.
import * as vscode from 'vscode';
import type { BackoffPolicy } from '../../core/review/batchBackoff';
import type { BatchReviewCodec } from '../../core/review/batchCodec';
import type { SkippedFile } from '../../core/review/batchFiles';
import type { LifecycleOptions, WorkspaceBatch } from '../../core/review/batchLifecycle';
import { DEFAULT_REVIEW_GLOB, MAX_REVIEW_FILES } from '../../core/review/batchLimits';
import type { BatchReviewOutcome } from '../../core/review/batchResults';
import type { BatchesPort, BatchRecord } from '../../core/review/batchTypes';
import type { FileListContext } from '../../core/tools/workspaceFiles';
import { formatUsd } from '../../shared/money';
import { readAgentSettings } from '../agent/agentSettings';
import { workspaceFolders } from '../agent/toolContext';
import { loadEngine, type EngineModule } from '../engineLoader';
import { readSettings } from '../settings';
import { reviewWorkspaceArguments } from '../testMode';
import { reviewCodecFor } from './workspaceReviewCodec';
import type { FindingsSink } from './findingsSink';
import { uriForReviewPath } from './workspaceReviewPaths';
import { CANCEL_WORKSPACE_REVIEW, WorkspaceReviewProgress } from './workspaceReviewProgress';
import { notifySummary, WorkspaceReviewReport, type WorkspaceReviewSummary } from './workspaceReviewReport';
import { WorkspaceReviewStore } from './workspaceReviewStore';

export const REVIEW_WORKSPACE = 'claudeCompanion.reviewWorkspace';

/** Optional arguments of the command (automation and tests; menus pass other things, which are ignored). */
export interface ReviewWorkspaceArgs {
  /** Default: asked in an input box, or the default glob when `confirm` is false. */
  readonly glob?: string;
  /** false: no questions at all (no input box, no modal confirmation). Honoured in ExtensionMode.Test only. */
  readonly confirm?: boolean;
  /** Poll every this many ms instead of the backoff schedule. ExtensionMode.Test only. */
  readonly pollMs?: number;
}

/** What integration tests reach through CompanionApi. */
export interface WorkspaceReviewApi {
  /** Stores a batch record as a submit would (to simulate a reload during a batch). */
  persist(record: BatchRecord): Thenable<void>;
  /** What activation runs when a record is stored: follows the batch to its results. */
  resume(options?: { pollMs?: number }): Promise<WorkspaceReviewSummary | undefined>;
}

interface Running {
  readonly batch: WorkspaceBatch;
  done?: Promise<WorkspaceReviewSummary | undefined>;
}

export function registerWorkspaceReview(context: vscode.ExtensionContext, batches: () => Promise<BatchesPort>, sink: FindingsSink): WorkspaceReviewApi {
  const review = new WorkspaceReview(new WorkspaceReviewStore(context.workspaceState), batches, sink);
  context.subscriptions.push(
    review,
    // `confirm: false` and `pollMs` are for the extension's tests: anyone else running these commands is asked first.
    vscode.commands.registerCommand(REVIEW_WORKSPACE, (args?: unknown) => review.start(reviewWorkspaceArguments(context.extensionMode, parseArgs(args)))),
    vscode.commands.registerCommand(CANCEL_WORKSPACE_REVIEW, (args?: unknown) => review.cancel(reviewWorkspaceArguments(context.extensionMode, parseArgs(args)))),
  );
  // A batch outlives the window: pick it up again, off the activation path.
  if (review.hasStoredBatch()) setTimeout(() => void review.resume(), 0);
  return { persist: (record) => review.persist(record), resume: (options) => review.resume(options) };
}

class WorkspaceReview implements vscode.Disposable {
  private current: Running | undefined;
  private readonly life = new AbortController();
  private readonly progress = new WorkspaceReviewProgress();
  private readonly report = new WorkspaceReviewReport();
  private fileSystem: FileListContext['fs'] | undefined;
  private lastGlob = DEFAULT_REVIEW_GLOB;

  constructor(
    private readonly store: WorkspaceReviewStore,
    private readonly batches: () => Promise<BatchesPort>,
    private readonly sink: FindingsSink,
  ) {}

  hasStoredBatch(): boolean {
    return this.store.has();
  }

  persist(record: BatchRecord): Thenable<void> {
    return this.store.save(record);
  }

  async start(raw: unknown): Promise<WorkspaceReviewSummary | undefined> {
    const args = parseArgs(raw);
    if (this.current) {
      const cancel = vscode.l10n.t('Cancel It');
      void vscode.window.showInformationMessage(vscode.l10n.t('A workspace review is already running.'), cancel).then((c) => {
        if (c === cancel) void this.cancel({});
      });
      return this.current.done;
    }
    if (workspaceFolders().length === 0) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Open a folder to review its files.'));
      return undefined;
    }
    const glob = args.glob ?? (args.confirm === false ? DEFAULT_REVIEW_GLOB : await this.askGlob());
    if (glob === undefined) return undefined;
    const engine = await this.engine();
    if (!engine) return undefined;

    let selection;
    try {
      selection = await engine.selectReviewFiles(this.fileContext(engine), { glob });
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Claude: the glob {0} cannot be used: {1}', glob, error instanceof Error ? error.message : String(error)));
      return undefined;
    }
    if (selection.files.length === 0) {
      if (selection.skipped.length) this.report.note(`Nothing to review for ${glob}: ${selection.skipped.map((s) => `${s.path} (${s.detail})`).join('; ')}`);
      void vscode.window.showInformationMessage(
        selection.matched > 0
          ? vscode.l10n.t('None of the {0} files matching {1} can be reviewed (too large, binary or empty).', selection.matched, glob)
          : vscode.l10n.t('No files match {0} (ignored files are left out).', glob),
      );
      return undefined;
    }

    const model = readSettings().model;
    const codec = await reviewCodecFor(model);
    const prepared = engine.prepareBatch(selection.files, codec, model);
    const estimate = engine.estimateBatchCost(prepared.requests, model);
    if (args.confirm !== false && !(await confirm(prepared.requests.length, model, estimate, selection.skipped))) return undefined;

    let batch: WorkspaceBatch;
    try {
      const port = await this.batches();
      batch = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Submitting the workspace review…') }, () =>
        engine.WorkspaceBatch.submit(port, prepared, lifecycleOptions(args)),
      );
    } catch (error) {
      this.showError(engine, error, vscode.l10n.t('Submitting the workspace review failed.'));
      return undefined;
    }
    await this.store.save(batch.record);
    this.report.submitted(batch.record, selection.skipped, estimate.batchUsd);
    return this.follow(engine, batch, codec, selection.skipped.length);
  }

  async resume(options: { pollMs?: number } = {}): Promise<WorkspaceReviewSummary | undefined> {
    if (this.current) return this.current.done;
    const engine = await this.engine();
    if (!engine) return undefined;
    const record = engine.parseBatchRecord(this.store.raw());
    if (!record) {
      await this.store.clear();
      return undefined;
    }
    let port: BatchesPort;
    try {
      port = await this.batches();
    } catch (error) {
      this.showError(engine, error, vscode.l10n.t('A workspace review is waiting for its results.'), () => void this.resume(options));
      return undefined;
    }
    this.report.resumed(record);
    const batch = engine.WorkspaceBatch.resume(port, record, lifecycleOptions(options));
    return this.follow(engine, batch, await reviewCodecFor(record.model), 0);
  }

  async cancel(raw: unknown): Promise<void> {
    const running = this.current;
    if (!running) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No workspace review is running.'));
      return;
    }
    if (parseArgs(raw).confirm !== false) {
      const stop = vscode.l10n.t('Cancel Review');
      const choice = await vscode.window.showWarningMessage(
        vscode.l10n.t('Cancel the workspace review?'),
        { modal: true, detail: vscode.l10n.t('Files already reviewed still arrive (and are billed); the rest are canceled.') },
        stop,
      );
      if (choice !== stop) return;
    }
    this.progress.message(vscode.l10n.t('canceling'));
    try {
      await running.batch.cancel();
    } catch (error) {
      const engine = await this.engine();
      if (engine) this.showError(engine, error, vscode.l10n.t('Canceling the workspace review failed.'));
    }
  }

  /** Waits for the batch, then publishes its results; the stored record goes only once they are in. */
  private follow(engine: EngineModule, batch: WorkspaceBatch, codec: BatchReviewCodec, skipped: number): Promise<WorkspaceReviewSummary | undefined> {
    const running: Running = { batch };
    this.current = running;
    const files = Object.keys(batch.record.files).length;
    const run = async (): Promise<WorkspaceReviewSummary | undefined> => {
      try {
        const outcome = await this.progress.run(files, () => void this.cancel({ confirm: false }), async () => {
          await batch.waitUntilEnded({ signal: this.life.signal, onPoll: (r) => this.progress.polled(r, batch.record.submittedAt, batch.cancelRequested) });
          this.progress.message(vscode.l10n.t('fetching results'));
          return this.collect(engine, batch, codec);
        });
        await this.store.clearIf(batch.id);
        const counts = engine.countOutcomes(outcome);
        const summary: WorkspaceReviewSummary = { batchId: batch.id, files, ...counts, skipped, costUsd: outcome.costUsd };
        this.report.finished(outcome, summary);
        notifySummary(summary, this.report);
        return summary;
      } catch (error) {
        // The window is closing: the stored record brings the batch back next time.
        if (this.life.signal.aborted) return undefined;
        this.report.note(`Batch ${batch.id}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
        if (error instanceof engine.BatchGoneError) {
          await this.store.clearIf(batch.id);
          void vscode.window.showWarningMessage(vscode.l10n.t('Claude: the workspace review batch {0} no longer exists, so its results cannot be fetched.', batch.id));
          return undefined;
        }
        this.showError(engine, error, vscode.l10n.t('Waiting for the workspace review failed.'), () => void this.resume());
        return undefined;
      } finally {
        if (this.current === running) this.current = undefined;
      }
    };
    running.done = run();
    return running.done;
  }

  private async collect(engine: EngineModule, batch: WorkspaceBatch, codec: BatchReviewCodec): Promise<BatchReviewOutcome> {
    const ctx = this.fileContext(engine);
    const texts = new Map<string, string>();
    const outcome = await batch.results(
      codec,
      async (path) => {
        const text = await engine.readReviewFile(ctx, path);
        if (text !== undefined) texts.set(path, text);
        return text;
      },
      this.life.signal,
    );
    this.sink.clear();
    for (const file of outcome.files) {
      const uri = file.kind === 'reviewed' ? uriForReviewPath(file.path) : undefined;
      if (uri && file.kind === 'reviewed') await this.sink.publish(uri, file.report.findings, texts.get(file.path) ?? '');
    }
    return outcome;
  }

  private async askGlob(): Promise<string | undefined> {
    const glob = await vscode.window.showInputBox({
      title: vscode.l10n.t('Review Workspace (Batch, half price)'),
      prompt: vscode.l10n.t('Files to review, as a glob relative to the workspace folder. Ignored files (.gitignore, .claudeignore, tools.exclude) are always left out.'),
      value: this.lastGlob,
      validateInput: (v) => (v.trim() === '' ? vscode.l10n.t('Enter a glob such as {0}', DEFAULT_REVIEW_GLOB) : undefined),
    });
    if (glob !== undefined) this.lastGlob = glob.trim();
    return glob?.trim();
  }

  private async engine(): Promise<EngineModule | undefined> {
    try {
      return await loadEngine();
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Claude: the review engine failed to load: {0}', error instanceof Error ? error.message : String(error)));
      return undefined;
    }
  }

  private fileContext(engine: EngineModule): FileListContext {
    const settings = readAgentSettings();
    this.fileSystem ??= engine.createNodeFileSystem();
    return { folders: workspaceFolders(), fs: this.fileSystem, exclude: settings.exclude, allowSecrets: settings.allowSecrets };
  }

  private showError(engine: EngineModule, error: unknown, what: string, retry?: () => void): void {
    const info = engine.toErrorInfo(error);
    const setKey = vscode.l10n.t('Set API Key');
    const again = vscode.l10n.t('Retry');
    const actions = [...(info.actions.includes('setApiKey') ? [setKey] : []), ...(retry ? [again] : [])];
    void vscode.window.showErrorMessage(vscode.l10n.t('Claude: {0} {1} {2}', what, info.title, info.detail), ...actions).then((choice) => {
      if (choice === setKey) void vscode.commands.executeCommand('claudeCompanion.setApiKey');
      else if (choice === again) retry?.();
    });
  }

  dispose(): void {
    this.life.abort();
    this.progress.dispose();
    this.report.dispose();
  }
}

async function confirm(files: number, model: string, estimate: { batchUsd: number | undefined; standardUsd: number | undefined; inputTokens: number; outputTokens: number }, skipped: readonly SkippedFile[]): Promise<boolean> {
  const tokens = (n: number) => n.toLocaleString('en-US');
  const cost =
    estimate.batchUsd !== undefined && estimate.standardUsd !== undefined
      ? vscode.l10n.t('Estimated cost: about {0} at batch price (half of {1}), from ~{2} input and ~{3} output tokens.', formatUsd(estimate.batchUsd), formatUsd(estimate.standardUsd), tokens(estimate.inputTokens), tokens(estimate.outputTokens))
      : vscode.l10n.t('No cost estimate: the price of {0} is not known.', model);
  const left = skipped.length
    ? vscode.l10n.t('{0} matching files are left out (too large, binary, empty or over the {1}-file limit); the report lists them.', skipped.length, MAX_REVIEW_FILES)
    : '';
  const when = vscode.l10n.t('Results usually arrive within an hour (at most 24 hours). You can keep working or close the window; cancel any time from the status bar.');
  const submit = vscode.l10n.t('Submit');
  const choice = await vscode.window.showInformationMessage(
    vscode.l10n.t('Review {0} files with {1} on the Message Batches API?', files, model),
    { modal: true, detail: [cost, left, when].filter(Boolean).join('\n\n') },
    submit,
  );
  return choice === submit;
}

function parseArgs(raw: unknown): ReviewWorkspaceArgs {
  if (typeof raw !== 'object' || raw === null || raw instanceof vscode.Uri) return {};
  const a = raw as Record<string, unknown>;
  return {
    ...(typeof a.glob === 'string' && a.glob.trim() !== '' ? { glob: a.glob.trim() } : {}),
    ...(typeof a.confirm === 'boolean' ? { confirm: a.confirm } : {}),
    ...(typeof a.pollMs === 'number' && a.pollMs > 0 ? { pollMs: a.pollMs } : {}),
  };
}

function lifecycleOptions(args: { pollMs?: number }): LifecycleOptions {
  if (args.pollMs === undefined) return {};
  const backoff: BackoffPolicy = { initialMs: args.pollMs, factor: 1, maxMs: args.pollMs, jitter: 0 };
  return { backoff };
}
