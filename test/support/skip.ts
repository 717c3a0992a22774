// Skips that say why. Every tier's report lists each skipped test with its reason, and `npm test` fails
// on a skip without one, so a test that cannot run here says so through `skipBecause` instead of a bare
// `this.skip()` (a unit test, test/unit/skipReasons.test.ts, keeps bare skips out of test/).

// A global symbol: the runners (scripts/*.mjs) may load this module apart from the tests' own copy.
const REASON = Symbol.for('claudeCompanion.skipReason');

type WithReason = { [REASON]?: string };

/**
 * Skips the running test (or, from a `before` hook, the whole suite) and records `reason` for the report.
 * Call it as `skipBecause(this, '…')` from a `function () {}` test or hook.
 */
export function skipBecause(ctx: Mocha.Context, reason: string): never {
  const runnable = ctx.test;
  if (!reason.trim()) throw new Error('skipBecause needs a reason');
  // Mocha marks hooks `type: 'hook'` (its typings leave the field out).
  if (runnable && (runnable as { type?: string }).type === 'hook') {
    // "before all" skips every test below the suite; "before each" only the current test.
    const target: Mocha.Suite | Mocha.Test | undefined = /^"before all" hook/.test(runnable.title) ? runnable.parent : ctx.currentTest;
    if (target) (target as WithReason)[REASON] = reason;
  } else if (runnable) {
    (runnable as WithReason)[REASON] = reason;
  }
  ctx.skip();
}

/** The reason a skipped test gave (its own, else the nearest suite's), or undefined when it gave none. */
export function skipReason(test: Mocha.Runnable): string | undefined {
  const own = (test as WithReason)[REASON];
  if (own) return own;
  for (let s: Mocha.Suite | undefined = test.parent; s; s = s.parent) {
    const reason = (s as WithReason)[REASON];
    if (reason) return reason;
  }
  return undefined;
}
