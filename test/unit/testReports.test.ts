// The test reports are honest: a skipped test says why, and the results every tier writes carry that
// reason; a bare skip in test/ fails here before it can hide in a run.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { skipBecause } from '../support/skip';
import { closingLine, collectResults, describeSkips, type TierResults } from '../support/testResults';

/** The repo root: the first ancestor of this file holding package.json and test/. */
function repoRoot(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'test', 'support'))) return dir;
  }
  throw new Error('repo root not found');
}

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

// `this.skip()`, `it.skip(`, `describe.skip(`, `xit(`…: every way to skip without giving a reason.
const BARE_SKIP = /\bthis\.skip\s*\(|\b(?:it|describe|context|specify)\.skip\s*\(|\bx(?:it|describe|context|specify)\s*\(/;

/** Runs the tests `define` adds to a fresh mocha root suite and returns what the collector saw. */
function runSuite(define: (root: Mocha.Suite) => void): Promise<TierResults> {
  const mocha = new Mocha({ reporter: Mocha.reporters.Base });
  define(mocha.suite);
  return new Promise((resolve) => {
    const runner = mocha.run(() => resolve(results));
    const results = collectResults(runner);
  });
}

describe('test reports: skips say why', () => {
  it('no test in test/ skips without a reason (use skipBecause)', () => {
    const root = repoRoot();
    // skip.ts is where the reason is recorded; this file skips bare on purpose, in the suite it runs.
    const exempt = new Set([path.join(root, 'test', 'support', 'skip.ts'), path.join(root, 'test', 'unit', 'testReports.test.ts')]);
    const bare: string[] = [];
    for (const file of tsFiles(path.join(root, 'test'))) {
      if (exempt.has(file)) continue;
      fs.readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (BARE_SKIP.test(line) && !/^\s*(\/\/|\/?\*)/.test(line)) bare.push(`${path.relative(root, file)}:${i + 1}: ${line.trim()}`);
        });
    }
    assert.deepEqual(bare, []);
  });

  it('counts passed, failed and skipped, with the reason each skip gave (from a test or a before hook)', async () => {
    const results = await runSuite((root) => {
      root.addTest(new Mocha.Test('runs', () => undefined));
      root.addTest(new Mocha.Test('breaks', () => assert.fail('broken')));
      root.addTest(new Mocha.Test('needs linux', function (this: Mocha.Context) { skipBecause(this, 'not Linux'); }));
      root.addTest(new Mocha.Test('bare skip', function (this: Mocha.Context) { this.skip(); }));
      root.addTest(new Mocha.Test('no body yet'));
      const needsRg = Mocha.Suite.create(root, 'ripgrep');
      needsRg.beforeAll(function (this: Mocha.Context) { skipBecause(this, 'no rg here'); });
      needsRg.addTest(new Mocha.Test('one', () => undefined));
      needsRg.addTest(new Mocha.Test('two', () => undefined));
    });
    assert.deepEqual(results, {
      passed: 1,
      failed: 1,
      skipped: [
        { fullTitle: 'needs linux', reason: 'not Linux' },
        { fullTitle: 'bare skip' },
        { fullTitle: 'no body yet' },
        { fullTitle: 'ripgrep one', reason: 'no rg here' },
        { fullTitle: 'ripgrep two', reason: 'no rg here' },
      ],
    });
    assert.deepEqual(describeSkips(results.skipped.slice(0, 2)), [
      '  - needs linux: not Linux',
      '  - bare skip: UNEXPLAINED (skipped without a reason; use skipBecause from test/support/skip)',
    ]);
  });

  it("npm test's closing line counts each tier and the total, and fails on a skip without a reason", () => {
    const unit = { passed: 930, failed: 0, skipped: [{ fullTitle: 'a', reason: 'not Linux' }, { fullTitle: 'b', reason: 'no rg' }] };
    const e2e = { passed: 80, failed: 0, skipped: [] };
    assert.deepEqual(closingLine([{ tier: 'unit', results: unit }, { tier: 'e2e', results: e2e }]), {
      line: 'unit 930 passed, 0 failed, 2 skipped · e2e 80 passed, 0 failed, 0 skipped · total 1010 passed, 0 failed, 2 skipped',
      ok: true,
    });
    const bare = { passed: 5, failed: 0, skipped: [{ fullTitle: 'c' }] };
    assert.deepEqual(closingLine([{ tier: 'integration', results: bare }]), {
      line: 'integration 5 passed, 0 failed, 1 skipped · total 5 passed, 0 failed, 1 skipped (1 without a reason)',
      ok: false,
    });
    assert.equal(closingLine([{ tier: 'unit', results: { passed: 1, failed: 1, skipped: [] } }]).ok, false);
    assert.deepEqual(closingLine([{ tier: 'e2e', results: undefined }]), { line: 'e2e did not report · total 0 passed, 0 failed, 0 skipped', ok: false });
  });
});
