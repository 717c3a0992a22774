// Worker thread for model-supplied regular expressions (fallback search). JS RegExps backtrack, so
// `(a+)+$` can run for hours on one line; here that only blocks this worker, which the host terminates
// at its time budget. Self-contained (bundled alone as dist/regexWorker.js): no imports but node's.
import { parentPort } from 'node:worker_threads';

interface Request {
  readonly id: number;
  readonly pattern: string;
  readonly lines: readonly string[];
  /** Stop after this many matching lines. */
  readonly limit: number;
}

let compiled: { readonly source: string; readonly re: RegExp } | undefined;

parentPort?.on('message', (request: Request) => {
  try {
    if (compiled?.source !== request.pattern) compiled = { source: request.pattern, re: new RegExp(request.pattern) };
    const hits: number[] = [];
    for (let i = 0; i < request.lines.length && hits.length < request.limit; i++) if (compiled.re.test(request.lines[i]!)) hits.push(i);
    parentPort!.postMessage({ id: request.id, hits });
  } catch (error) {
    parentPort!.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) });
  }
});
