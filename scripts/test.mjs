#!/usr/bin/env node
// `npm test`: static checks, then every tier (unit → integration → e2e), then one summary line per
// tier and a closing `N passed, N failed`. `node scripts/test.mjs unit|integration|e2e|electron` runs one.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

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

function run(cmd, args, { capture = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: capture ? ['ignore', 'pipe', 'inherit'] : 'inherit', env: process.env });
    let out = '';
    child.stdout?.on('data', (d) => {
      out += d;
      process.stdout.write(d);
    });
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), out }));
  });
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

for (const tier of tiers) {
  if (tier === 'static') {
    const ok = await step('typecheck + lint', async () => (await run('npm', ['run', '--silent', 'typecheck'])).code === 0 && (await run('npm', ['run', '--silent', 'lint'])).code === 0);
    summaries.static = ok;
  } else if (tier === 'unit') {
    await step('unit', async () => {
      const { code, out } = await run(process.execPath, [path.join(root, 'node_modules/mocha/bin/mocha.js'), process.stdout.isTTY ? '--color' : '--no-color'], { capture: true });
      // eslint-disable-next-line no-control-regex -- strips ANSI colours before counting
      const plain = out.replace(/\x1b\[[0-9;]*m/g, '');
      const passed = Number(/(\d+) passing/.exec(plain)?.[1] ?? 0);
      const failedCount = Number(/(\d+) failing/.exec(plain)?.[1] ?? 0);
      fs.writeFileSync(path.join(artifacts, 'unit.json'), JSON.stringify({ passed, failed: failedCount }));
      return code === 0 && passed > 0;
    });
  } else {
    const script = { integration: 'run-integration.mjs', e2e: 'run-e2e.mjs', electron: 'run-electron.mjs' }[tier];
    await step(tier, async () => (await run('node', [path.join('scripts', script)])).code === 0 && (readSummary(tier)?.passed ?? 0) > 0);
  }
}

console.log('\n=== summary ===');
let totalPassed = 0;
let totalFailed = 0;
for (const tier of tiers) {
  if (tier === 'static') {
    console.log(`typecheck + lint: ${summaries.static ? 'passed' : 'FAILED'}`);
    continue;
  }
  const s = readSummary(tier);
  if (!s) {
    console.log(`${tier}: did not report results`);
    failed = true;
    continue;
  }
  totalPassed += s.passed;
  totalFailed += s.failed;
  console.log(`${tier}: ${s.passed} passed, ${s.failed} failed${timings[tier] ? ` (${timings[tier].toFixed(1)} s)` : ''}`);
}
if (failed && totalFailed === 0) totalFailed = 1;
console.log(`${totalPassed} passed, ${totalFailed} failed`);
process.exit(failed || totalFailed > 0 ? 1 : 0);
