#!/usr/bin/env node
// `npm test`: static checks, then every tier (unit → integration → e2e), then one summary line per
// tier with its passed, failed and skipped tests (each skip with its reason) and a closing line
// `unit 930 passed, 0 failed, 2 skipped · integration … · total …`. A skip without a reason fails the run.
// `node scripts/test.mjs unit|integration|e2e|electron` runs one tier.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { codeServerPaths } from './lib/cache.mjs';
import { provision } from './lib/provision.mjs';
import { loadTestResults } from './lib/testResults.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const artifacts = path.join(root, '.test-artifacts');
const requested = process.argv.slice(2);
const tiers = requested.length ? requested : ['static', 'unit', 'integration', 'e2e'];
const known = new Set(['static', 'unit', 'integration', 'e2e', 'electron']);
for (const t of tiers) {
  if (!known.has(t)) {
    console.error(`Unknown tier "${t}". Use one of: ${[...known].join(', ')}`);
    process.exit(2);
  }
}

function run(cmd, args, { env = process.env } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env });
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0) }));
  });
}

/**
 * The ripgrep bundled with the provisioned editor, found the way the extension finds VS Code's
 * (src/core/tools/findRipgrep.ts, as built into out/), or undefined when the editor is not provisioned.
 */
function bundledRipgrep() {
  const { vscodeRoot } = codeServerPaths();
  if (!fs.existsSync(vscodeRoot)) return undefined;
  try {
    const { findRipgrep } = loadBuilt('src/core/tools/findRipgrep.js');
    return findRipgrep(vscodeRoot, fs.existsSync);
  } catch (err) {
    console.warn(`[test] could not look for the editor's ripgrep: ${err.message}`);
    return undefined;
  }
}

function loadBuilt(rel) {
  return createRequire(import.meta.url)(path.join(root, 'out', rel));
}

function readSummary(tier) {
  try {
    return JSON.parse(fs.readFileSync(path.join(artifacts, `${tier}.json`), 'utf8'));
  } catch {
    return undefined;
  }
}

const timings = {};
const summaries = {};
let failed = false;

async function step(name, fn) {
  const started = Date.now();
  console.log(`\n=== ${name} ===`);
  const ok = await fn();
  timings[name] = (Date.now() - started) / 1000;
  if (!ok) failed = true;
  return ok;
}

fs.mkdirSync(artifacts, { recursive: true });
for (const tier of ['unit', 'integration', 'e2e', 'electron']) fs.rmSync(path.join(artifacts, `${tier}.json`), { force: true });

// Every tier needs the transpiled tests and the bundles.
await step('build', async () => (await run('node', ['esbuild.js', '--tests'])).code === 0 && (await run('node', ['esbuild.js'])).code === 0);
if (failed) process.exit(1);
// Loaded now, while out/ is fresh: the closing summary must not depend on out/ surviving the run.
const { closingLine, formatCounts, describeSkips, unexplainedSkips } = loadTestResults();

for (const tier of tiers) {
  if (tier === 'static') {
    const ok = await step('typecheck + lint', async () => (await run('npm', ['run', '--silent', 'typecheck'])).code === 0 && (await run('npm', ['run', '--silent', 'lint'])).code === 0);
    summaries.static = ok;
  } else if (tier === 'unit') {
    // The ripgrep suite runs against the editor's bundled rg. A run that goes on to the editor tiers
    // provisions the editor first (it needs it anyway); a unit-only run uses it when it is already there,
    // so the unit tests themselves never need the network.
    if (tiers.some((t) => t === 'integration' || t === 'e2e')) {
      await step('provision', async () => {
        try {
          await provision();
          return true;
        } catch (err) {
          console.error(`[test] provisioning the editor failed: ${err.message}`);
          return false;
        }
      });
    }
    const rg = process.env.CLAUDE_COMPANION_RIPGREP || bundledRipgrep();
    if (rg) console.log(`[test] ripgrep for the unit tier: ${rg}`);
    await step('unit', async () => {
      const mocha = path.join(root, 'node_modules/mocha/bin/mocha.js');
      const reporter = path.join(root, 'out/test/support/summaryReporter.js');
      const env = { ...process.env, CLAUDE_COMPANION_TEST_SUMMARY: path.join(artifacts, 'unit.json'), ...(rg ? { CLAUDE_COMPANION_RIPGREP: rg } : {}) };
      const { code } = await run(process.execPath, [mocha, '--reporter', reporter, process.stdout.isTTY ? '--color' : '--no-color'], { env });
      return code === 0 && (readSummary('unit')?.passed ?? 0) > 0;
    });
  } else {
    const script = { integration: 'run-integration.mjs', e2e: 'run-e2e.mjs', electron: 'run-electron.mjs' }[tier];
    await step(tier, async () => (await run('node', [path.join('scripts', script)])).code === 0 && (readSummary(tier)?.passed ?? 0) > 0);
  }
}

console.log('\n=== summary ===');
const reported = [];
for (const tier of tiers) {
  if (tier === 'static') {
    console.log(`typecheck + lint: ${summaries.static ? 'passed' : 'FAILED'}`);
    continue;
  }
  const s = readSummary(tier);
  const results = s && { passed: s.passed, failed: s.failed, skipped: s.skipped ?? [] };
  reported.push({ tier, results });
  if (!results) {
    console.log(`${tier}: did not report results`);
    continue;
  }
  console.log(`${tier}: ${formatCounts(results)}${timings[tier] ? ` (${timings[tier].toFixed(1)} s)` : ''}${s.error ? ` (${s.error})` : ''}`);
  if (results.skipped.length) console.log(describeSkips(results.skipped).join('\n'));
}
const unexplained = reported.flatMap(({ results }) => (results ? unexplainedSkips(results) : [])).length;
if (unexplained) console.log(`${unexplained} test(s) skipped without a reason: give one with skipBecause (test/support/skip.ts)`);
const closing = closingLine(reported);
console.log(closing.line);
process.exit(failed || !closing.ok ? 1 : 0);
