// Entry point of the integration suite, run inside a live extension host as the extension's tests
// (ExtensionMode.Test): both the code-server harness (scripts/run-integration.mjs) and
// @vscode/test-electron name this module as `extensionTestsPath`, and VS Code calls `run()`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { skippedTest } from '../support/testResults';

/** One JSON line per event, appended to CLAUDE_COMPANION_TEST_RESULTS when it is set. */
export type ResultEvent =
  | { event: 'start'; total: number }
  | { event: 'suite'; title: string; depth: number }
  | { event: 'pass'; title: string; fullTitle: string; depth: number; duration: number }
  /** A skipped test; `reason` is what it gave to skipBecause (test/support/skip.ts), absent when it gave none. */
  | { event: 'pending'; title: string; fullTitle: string; depth: number; reason?: string }
  | { event: 'fail'; title: string; fullTitle: string; depth: number; error: string; stack?: string }
  | { event: 'end'; passed: number; failed: number; pending: number }
  /** The last line: the suite ran (ok) or could not run or had failures (error says which). */
  | { event: 'done'; ok: boolean; error?: string };

function findTests(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findTests(p));
    else if (entry.name.endsWith('.test.js')) out.push(p);
  }
  return out.sort();
}

function depthOf(runnable: Mocha.Runnable | Mocha.Suite): number {
  let depth = 0;
  for (let s = runnable.parent; s && !s.root; s = s.parent) depth++;
  return depth;
}

export async function run(): Promise<void> {
  const resultsFile = process.env.CLAUDE_COMPANION_TEST_RESULTS;
  const report = (e: ResultEvent): void => {
    if (resultsFile) fs.appendFileSync(resultsFile, `${JSON.stringify(e)}\n`);
  };
  // A window reload starts the tests again: they run once per results file, and a suite cut short by a
  // reload is a failure, not a pass.
  if (resultsFile && !claim(resultsFile)) throw new Error('the window reloaded while the integration suite ran; it runs only once');
  try {
    await runMocha(report);
    report({ event: 'done', ok: true });
  } catch (error) {
    report({ event: 'done', ok: false, error: String((error instanceof Error && error.stack) || error) });
    throw error;
  }
}

function claim(resultsFile: string): boolean {
  try {
    fs.writeFileSync(`${resultsFile}.claimed`, String(process.pid), { flag: 'wx' });
    return true;
  } catch {
    return false;
  }
}

function runMocha(report: (e: ResultEvent) => void): Promise<void> {
  // CLAUDE_COMPANION_TEST_GREP runs a subset while working on one feature.
  const grep = process.env.CLAUDE_COMPANION_TEST_GREP;
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec', ...(grep ? { grep } : {}) });
  for (const file of findTests(__dirname)) mocha.addFile(file);

  return new Promise((resolve, reject) => {
    let passed = 0;
    let failed = 0;
    let pending = 0;
    const runner = mocha.run(() => {
      report({ event: 'end', passed, failed, pending });
      if (failed > 0) reject(new Error(`${failed} integration test(s) failed`));
      else if (passed === 0) reject(new Error('no integration tests ran'));
      else resolve();
    });
    report({ event: 'start', total: runner.total });
    runner.on('suite', (s) => {
      if (!s.root) report({ event: 'suite', title: s.title, depth: depthOf(s) });
    });
    runner.on('pass', (t) => {
      passed++;
      report({ event: 'pass', title: t.title, fullTitle: t.fullTitle(), depth: depthOf(t), duration: t.duration ?? 0 });
    });
    runner.on('pending', (t) => {
      pending++;
      report({ event: 'pending', title: t.title, depth: depthOf(t), ...skippedTest(t) });
    });
    runner.on('fail', (t, err: Error) => {
      failed++;
      report({ event: 'fail', title: t.title, fullTitle: t.fullTitle(), depth: depthOf(t), error: String(err?.message ?? err), stack: err?.stack });
    });
  });
}
