// What it costs to know what a command changed (issue 17, item 5): the before-scan and the after-diff
// on a 10,000-file tree, for the scan that keeps contents in memory, for the git snapshot (contents in
// git's object store) on a 10,000-file repository, and for a naive baseline that reads and hashes every
// file both times. Median of 5 runs; each run changes 10 files between before and after, then restores.
// `node bench/commandScan.mjs` after `node esbuild.js --tests`. Not part of `npm run bench` yet.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const FILES = 10_000;
const PER_FOLDER = 100;
const RUNS = 5;
const CHANGED = 10;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const { snapshotBeforeCommand, changesAfterCommand, restoreCommandChanges } = require(path.join(root, 'out/src/core/commands/commandChanges.js'));

/** 10,000 files of 200 B to 4 KB in 100 folders (about 21 MB), like a mid-sized source tree. */
function buildTree(dir) {
  for (let i = 0; i < FILES; i++) {
    const folder = path.join(dir, 'src', `pkg${Math.floor(i / PER_FOLDER)}`);
    if (i % PER_FOLDER === 0) fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, `file${i}.ts`), `// file ${i}\n${'export const x = 1;\n'.repeat(10 + (i % 200))}`);
  }
}

function mutate(dir, run) {
  for (let k = 0; k < CHANGED; k++) fs.appendFileSync(path.join(dir, 'src', `pkg${k}`, `file${k * PER_FOLDER}.ts`), `// run ${run}\n`);
}

/** The baseline: read and hash every file (no caps, no stat shortcut). */
async function hashAll(dir) {
  const out = new Map();
  const visit = async (d) => {
    for (const e of await fsp.readdir(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.name === '.git') continue;
      if (e.isDirectory()) await visit(p);
      else if (e.isFile()) out.set(p, createHash('sha256').update(await fsp.readFile(p)).digest('hex'));
    }
  };
  await visit(dir);
  return out;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(name, dir, before, after, restore) {
  const b = [];
  const a = [];
  let detail = '';
  for (let run = 0; run < RUNS; run++) {
    let t0 = performance.now();
    const snap = await before();
    b.push(performance.now() - t0);
    mutate(dir, run);
    t0 = performance.now();
    const result = await after(snap);
    a.push(performance.now() - t0);
    detail = await restore(snap, result);
  }
  console.log(`${name.padEnd(44)} before ${median(b).toFixed(0).padStart(6)} ms   after ${median(a).toFixed(0).padStart(6)} ms   ${detail}`);
  return { name, beforeMs: median(b), afterMs: median(a) };
}

async function main() {
  const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cc-bench-scan-')));
  try {
    const plain = path.join(base, 'plain');
    const repo = path.join(base, 'repo');
    buildTree(plain);
    buildTree(repo);
    const git = (...args) => execFileSync('git', ['-c', 'user.name=Bench', '-c', 'user.email=bench@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: repo, stdio: 'ignore' });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '-m', 'tree');
    console.log(`${FILES} files; ${CHANGED} changed per run; median of ${RUNS}; ${os.cpus().length} cores`);

    const restore = async (snap, changes) => {
      const outcomes = await restoreCommandChanges(changes);
      const restored = outcomes.filter((o) => o.result === 'restored').length;
      let kept = 0;
      for (const f of snap.workspace.files.values()) kept += f.content?.length ?? 0;
      return `(${changes.modified.length} modified found, ${restored} restored; ${(kept / 1024 / 1024).toFixed(1)} MB kept in memory)`;
    };
    const scanOpts = { exclude: [], allowSecrets: false, git: false };
    const gitOpts = { exclude: [], allowSecrets: false };
    const results = [];
    results.push(await measure('scan, contents in memory (no git)', plain, () => snapshotBeforeCommand([{ name: 'plain', root: plain }], scanOpts), changesAfterCommand, restore));
    results.push(await measure('git snapshot (temp index) + stat scan', repo, () => snapshotBeforeCommand([{ name: 'repo', root: repo }], gitOpts), changesAfterCommand, restore));
    results.push(
      await measure(
        'naive: read + sha256 every file, both times',
        plain,
        () => hashAll(plain),
        async (before) => {
          const after = await hashAll(plain);
          return [...after].filter(([p, h]) => before.get(p) !== h).length;
        },
        async (_b, n) => `(${n} modified found; nothing kept to restore)`,
      ),
    );
    if (process.argv.includes('--json')) console.log(JSON.stringify(results));
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
}

await main();
