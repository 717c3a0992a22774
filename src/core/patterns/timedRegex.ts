// Runs a model-supplied regular expression in a worker thread with a time budget per batch of lines.
// JS RegExps backtrack (no linear-time engine fits the bundle budget), so a catastrophic pattern is
// stopped by terminating the worker; the extension host's own thread never runs it.
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';

/** The regex ran past its budget; the worker was terminated. */
export class RegexTimeoutError extends Error {
  override readonly name = 'RegexTimeoutError';
  constructor(readonly budgetMs: number) {
    super(`the regular expression took longer than ${budgetMs} ms`);
  }
}

/** The worker could not run at all (missing bundle, crash). */
export class RegexWorkerError extends Error {
  override readonly name = 'RegexWorkerError';
}

export const DEFAULT_REGEX_BUDGET_MS = 2000;

export interface TimedRegex {
  /** Indexes of the lines the pattern matches (at most `limit`). Rejects with RegexTimeoutError past the budget. */
  matchingLines(lines: readonly string[], limit: number): Promise<number[]>;
  /** Terminates the worker. */
  dispose(): void;
}

/** The worker bundle sits next to this module: dist/regexWorker.js beside dist/engine.js, or out/… in tests. */
export function defaultWorkerPath(): string {
  return path.join(__dirname, 'regexWorker.js');
}

export function createTimedRegex(pattern: string, options: { readonly budgetMs?: number; readonly workerPath?: string } = {}): TimedRegex {
  const budgetMs = options.budgetMs ?? DEFAULT_REGEX_BUDGET_MS;
  let worker: Worker | undefined;
  let ready: Promise<Worker> | undefined;
  let nextId = 0;

  const start = (): Promise<Worker> => {
    if (!ready) {
      ready = new Promise<Worker>((resolve, reject) => {
        let w: Worker;
        try {
          w = new Worker(options.workerPath ?? defaultWorkerPath());
        } catch (error) {
          reject(new RegexWorkerError(error instanceof Error ? error.message : String(error)));
          return;
        }
        worker = w;
        w.once('online', () => resolve(w));
        w.once('error', (error) => reject(new RegexWorkerError(error.message)));
      });
    }
    return ready;
  };

  const dispose = () => {
    void worker?.terminate();
    worker = undefined;
    ready = undefined;
  };

  return {
    async matchingLines(lines, limit) {
      const w = await start();
      const id = nextId++;
      return new Promise<number[]>((resolve, reject) => {
        const cleanup = () => {
          clearTimeout(timer);
          w.off('message', onMessage);
          w.off('error', onError);
          w.off('exit', onExit);
        };
        const onMessage = (reply: { id: number; hits?: number[]; error?: string }) => {
          if (reply.id !== id) return;
          cleanup();
          if (reply.hits) resolve(reply.hits);
          else reject(new RegexWorkerError(reply.error ?? 'no answer'));
        };
        const onError = (error: Error) => {
          cleanup();
          dispose();
          reject(new RegexWorkerError(error.message));
        };
        const onExit = () => {
          cleanup();
          dispose();
          reject(new RegexWorkerError('the regex worker stopped'));
        };
        const timer = setTimeout(() => {
          cleanup();
          dispose();
          reject(new RegexTimeoutError(budgetMs));
        }, budgetMs);
        w.on('message', onMessage);
        w.on('error', onError);
        w.on('exit', onExit);
        w.postMessage({ id, pattern, lines, limit });
      });
    },
    dispose,
  };
}
