// One tier's results as structured counts, read from mocha's runner events rather than from its text:
// passed, failed, and each skipped (pending) test with the reason it gave. Every tier writes this shape to
// .test-artifacts/<tier>.json, and scripts/test.mjs builds the closing summary from those files.
import { skipReason } from './skip';

export interface SkippedTest {
  fullTitle: string;
  /** Undefined: the test skipped without saying why (a bare `this.skip()`, `it.skip`, `it('title')`). */
  reason?: string;
}

export interface TierResults {
  passed: number;
  failed: number;
  skipped: SkippedTest[];
}

/** Results that fill in as `runner` reports; read them once the run ends. */
export function collectResults(runner: Mocha.Runner): TierResults {
  const results: TierResults = { passed: 0, failed: 0, skipped: [] };
  runner.on('pass', () => results.passed++);
  runner.on('fail', () => results.failed++);
  runner.on('pending', (test: Mocha.Test) => results.skipped.push(skippedTest(test)));
  return results;
}

export function skippedTest(test: Mocha.Test): SkippedTest {
  const reason = skipReason(test);
  return reason ? { fullTitle: test.fullTitle(), reason } : { fullTitle: test.fullTitle() };
}

/** The lines a report prints for its skipped tests: each title with its reason, or "UNEXPLAINED". */
export function describeSkips(skipped: readonly SkippedTest[]): string[] {
  return skipped.map((s) => `  - ${s.fullTitle}: ${s.reason ?? 'UNEXPLAINED (skipped without a reason; use skipBecause from test/support/skip)'}`);
}

/** `930 passed, 0 failed, 2 skipped`: one tier's counts as every report prints them. */
export function formatCounts(r: TierResults): string {
  return `${r.passed} passed, ${r.failed} failed, ${r.skipped.length} skipped`;
}

/** Skips that gave no reason: `npm test` fails while there is one. */
export function unexplainedSkips(r: TierResults): SkippedTest[] {
  return r.skipped.filter((s) => !s.reason);
}

/**
 * `npm test`'s closing line, `unit 930 passed, 0 failed, 2 skipped · integration … · total …`, and
 * whether the run passed: no tier failed or went missing, and every skip gave its reason.
 */
export function closingLine(tiers: ReadonlyArray<{ tier: string; results: TierResults | undefined }>): { line: string; ok: boolean } {
  const total: TierResults = { passed: 0, failed: 0, skipped: [] };
  const parts: string[] = [];
  let missing = false;
  for (const { tier, results } of tiers) {
    if (!results) {
      missing = true;
      parts.push(`${tier} did not report`);
      continue;
    }
    total.passed += results.passed;
    total.failed += results.failed;
    total.skipped.push(...results.skipped);
    parts.push(`${tier} ${formatCounts(results)}`);
  }
  const unexplained = unexplainedSkips(total).length;
  parts.push(`total ${formatCounts(total)}${unexplained ? ` (${unexplained} without a reason)` : ''}`);
  return { line: parts.join(' · '), ok: !missing && total.failed === 0 && unexplained === 0 };
}
