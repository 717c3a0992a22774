// Mocha reporter for the unit tier (scripts/test.mjs passes it with --reporter): mocha's spec output,
// then each skipped test with its reason, and the counts as JSON in CLAUDE_COMPANION_TEST_SUMMARY when set.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { collectResults, describeSkips } from './testResults';

export default class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    const results = collectResults(runner);
    // Registered after Spec's own `end` listener, so this prints below mocha's epilogue.
    runner.once('end', () => {
      if (results.skipped.length) process.stdout.write(`\n  skipped:\n${describeSkips(results.skipped).join('\n')}\n\n`);
      const file = process.env.CLAUDE_COMPANION_TEST_SUMMARY;
      if (file) {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, JSON.stringify(results));
      }
    });
  }
}
