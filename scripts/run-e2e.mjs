#!/usr/bin/env node
// End-to-end tier: mocha (in this Node process) drives the packaged extension in code-server through
// chromium, against the in-process fake Anthropic API (see test/e2e/).
// Usage: node scripts/run-e2e.mjs [--build] [--package] [--grep <pattern>]
//   --build    re-run `node esbuild.js --tests` first;  --package  re-run `npm run package` first.
// Env: CLAUDE_COMPANION_VSIX (install this .vsix instead of dist/claude-companion.vsix),
//      CLAUDE_COMPANION_KEEP_TEMP=1, CLAUDE_COMPANION_HEADED=1.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Mocha from 'mocha';
import { provision } from './lib/provision.mjs';
import { REPO, ensureBuilt, ensureVsix } from './lib/build.mjs';
import { findFiles, writeJson } from './lib/fsutil.mjs';
import { installCleanupHandlers, runCleanups } from './lib/proc.mjs';
import { loadTestResults } from './lib/testResults.mjs';

const ARTIFACT = path.join(REPO, '.test-artifacts', 'e2e.json');
const SUITE_DIR = path.join(REPO, 'out', 'test', 'e2e');

async function main() {
  const { values } = parseArgs({ options: { build: { type: 'boolean' }, package: { type: 'boolean' }, grep: { type: 'string' } } });
  const t0 = Date.now();
  installCleanupHandlers();
  fs.rmSync(ARTIFACT, { force: true });
  fs.rmSync(path.join(REPO, '.test-artifacts', 'e2e'), { recursive: true, force: true });

  await ensureBuilt({ tests: true, force: values.build });
  const { collectResults, formatCounts, describeSkips } = loadTestResults();
  if (process.env.CLAUDE_COMPANION_VSIX) {
    if (!fs.existsSync(process.env.CLAUDE_COMPANION_VSIX)) throw new Error(`CLAUDE_COMPANION_VSIX=${process.env.CLAUDE_COMPANION_VSIX} does not exist`);
  } else {
    try {
      await ensureVsix({ force: values.package });
    } catch (err) {
      throw new Error(`packaging the extension failed, so there is nothing to install:\n${err.message}`, { cause: err });
    }
  }
  await provision();

  const files = findFiles(SUITE_DIR, /\.e2e\.js$/);
  if (!files.length) throw new Error(`no *.e2e.js files under ${SUITE_DIR}; run: node esbuild.js --tests`);
  const mocha = new Mocha({ ui: 'bdd', timeout: 120_000, reporter: 'spec', ...(values.grep ? { grep: values.grep } : {}) });
  for (const f of files) mocha.addFile(f);
  await mocha.loadFilesAsync();
  const results = await new Promise((resolve) => {
    let counted;
    const runner = mocha.run(() => resolve(counted));
    counted = collectResults(runner);
  });
  const { passed, failed } = results;
  writeJson(ARTIFACT, results);
  console.log(`[e2e] finished in ${((Date.now() - t0) / 1000).toFixed(1)}s; screenshots in ${path.relative(REPO, path.join(REPO, '.test-artifacts', 'e2e'))}/`);
  console.log(`e2e: ${formatCounts(results)}`);
  if (results.skipped.length) console.log(describeSkips(results.skipped).join('\n'));
  return failed === 0 && passed > 0;
}

let ok = false;
try {
  ok = await main();
} catch (err) {
  console.error(`\n[e2e] ${process.env.CLAUDE_COMPANION_VERBOSE ? err.stack : err.message}`);
  if (!fs.existsSync(ARTIFACT)) writeJson(ARTIFACT, { passed: 0, failed: 0, skipped: [], error: err.message });
  console.log('e2e: 0 passed, 0 failed, 0 skipped');
} finally {
  await runCleanups();
}
process.exit(ok ? 0 : 1);
