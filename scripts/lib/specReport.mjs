// Prints test events (the JSON lines written by test/integration/index.ts) like mocha's spec reporter.
export function createSpecPrinter(write = (s) => process.stdout.write(s)) {
  const failures = [];
  /** Each skipped test: { fullTitle, reason? } (no reason: it skipped without saying why). */
  const skipped = [];
  let passed = 0;
  let failed = 0;
  const indent = (depth) => '  '.repeat(depth + 1);
  return {
    failures,
    /** The tier's results, in the shape of test/support/testResults.ts's TierResults. */
    counts: () => ({ passed, failed, skipped: [...skipped] }),
    event(e) {
      switch (e.event) {
        case 'suite':
          write(`\n${indent(e.depth)}${e.title}\n`);
          break;
        case 'pass':
          passed++;
          write(`${indent(e.depth)}✔ ${e.title}${e.duration > 75 ? ` (${e.duration}ms)` : ''}\n`);
          break;
        case 'pending':
          skipped.push(e.reason ? { fullTitle: e.fullTitle, reason: e.reason } : { fullTitle: e.fullTitle });
          write(`${indent(e.depth)}- ${e.title} (skipped: ${e.reason ?? 'no reason given'})\n`);
          break;
        case 'fail':
          failed++;
          failures.push(e);
          write(`${indent(e.depth)}${failures.length}) ${e.title}\n`);
          break;
        default:
          break;
      }
    },
    /** The numbered failure details block mocha prints at the end. */
    printFailures() {
      failures.forEach((f, i) => {
        write(`\n  ${i + 1}) ${f.fullTitle}:\n     ${(f.stack || f.error || '').split('\n').join('\n     ')}\n`);
      });
    },
  };
}
