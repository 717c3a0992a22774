// Activation that survives a broken feature (as Copilot Chat's ContributionCollection): each feature
// registers on its own, inside try/catch, and a synchronous throw or an async rejection is logged with its
// id, shown once (one notification for however many failed, with Show Log), and the others still load.
// The commands a failed feature contributes (declared statically in package.json) answer with an error
// instead of "command not found".
import * as vscode from 'vscode';
import type { Logger } from '../core/log';

type Registered = vscode.Disposable | readonly vscode.Disposable[] | void;

export interface Feature<Ctx> {
  /** Stable id: in the log, and what the test-only switch names (testApi.ts featureToBreak). */
  readonly id: string;
  /** Its name in the notification when it fails ("Code review"). Called only then, after l10n is set up. */
  readonly label: () => string;
  /** The package.json commands it registers: they get a stand-in that explains, should it fail. */
  readonly commands?: readonly string[];
  register(ctx: Ctx): Registered | Promise<Registered>;
}

export interface FeatureFailure {
  readonly id: string;
  readonly error: unknown;
}

export interface FeatureOptions {
  readonly log: Logger;
  /** Opens the log channel (the notification's Show Log button). */
  readonly showLog: () => void;
  /** Test mode only: the id of a feature made to fail on purpose (integration tests of this file). */
  readonly breakFeature?: string;
}

/** Thrown in place of the feature the test-only switch names. */
export class FeatureBrokenForTest extends Error {
  constructor(readonly featureId: string) {
    super(`feature "${featureId}" was made to fail by the test-only switch`);
    this.name = 'FeatureBrokenForTest';
  }
}

/** What a feature that failed to start hands out in place of its services (the test API's, for one). */
export class FeatureUnavailableError extends Error {
  constructor(readonly featureId: string) {
    super(`feature "${featureId}" failed to start (see the log)`);
    this.name = 'FeatureUnavailableError';
  }
}

export class FeatureRegistry<Ctx> implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly failed: FeatureFailure[] = [];
  private readonly messages: string[] = [];
  /** Resolves once every feature has registered or failed, and the failure notice (if any) is shown. */
  readonly settled: Promise<void>;

  constructor(
    features: readonly Feature<Ctx>[],
    ctx: Ctx,
    private readonly options: FeatureOptions,
  ) {
    const pending: Promise<void>[] = [];
    for (const feature of features) {
      try {
        if (options.breakFeature === feature.id) throw new FeatureBrokenForTest(feature.id);
        const result = feature.register(ctx);
        if (isThenable(result)) pending.push(Promise.resolve(result).then((r) => this.keep(r), (error: unknown) => this.fail(feature, error)));
        else this.keep(result);
      } catch (error) {
        this.fail(feature, error);
      }
    }
    // One notice for all failures: async ones included, so it waits for them (it never holds up activate()).
    this.settled = Promise.all(pending).then(() => this.notify(features));
  }

  /** The features that failed to start, in the order they failed. */
  get failures(): readonly FeatureFailure[] {
    return this.failed;
  }

  /** The error notifications shown so far (the failure notice, stand-in commands): tests observe them. */
  get shown(): readonly string[] {
    return this.messages;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0).reverse()) d.dispose();
  }

  private keep(result: Registered): void {
    if (!result) return;
    if (isDisposableList(result)) this.disposables.push(...result);
    else this.disposables.push(result);
  }

  private fail(feature: Feature<Ctx>, error: unknown): void {
    this.failed.push({ id: feature.id, error });
    this.options.log.error(`Feature "${feature.id}" failed to start`, error);
    for (const command of feature.commands ?? []) {
      try {
        this.disposables.push(vscode.commands.registerCommand(command, () => this.unavailable(feature)));
      } catch (standInError) {
        // The feature registered this command before it threw: the real one stays.
        this.options.log.debug(`Feature "${feature.id}": ${command} keeps its own handler (${String(standInError)})`);
      }
    }
  }

  private notify(features: readonly Feature<Ctx>[]): void {
    if (this.failed.length === 0) return;
    const labels = this.failed.map((f) => features.find((x) => x.id === f.id)?.label() ?? f.id);
    this.show(vscode.l10n.t('Claude Companion: {0} failed to start. Everything else works; the log says what went wrong.', labels.join(', ')));
  }

  private unavailable(feature: Feature<Ctx>): void {
    this.options.log.warn(`${feature.id} is unavailable: it failed to start`);
    this.show(vscode.l10n.t('Claude Companion: {0} is unavailable because it failed to start. The log says what went wrong.', feature.label()));
  }

  private show(message: string): void {
    this.messages.push(message);
    const showLog = vscode.l10n.t('Show Log');
    void Promise.resolve(vscode.window.showErrorMessage(message, showLog)).then((choice) => {
      if (choice === showLog) this.options.showLog();
    });
  }
}

function isThenable(value: unknown): value is PromiseLike<Registered> {
  return typeof (value as PromiseLike<unknown> | undefined)?.then === 'function';
}

function isDisposableList(value: vscode.Disposable | readonly vscode.Disposable[]): value is readonly vscode.Disposable[] {
  return Array.isArray(value);
}
