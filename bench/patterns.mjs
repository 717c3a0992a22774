// Pathological patterns: our linear-time engine (src/core/patterns, KMP in edit_file, the regex worker)
// against the engines it replaced (picomatch, `ignore`, V8's backtracking RegExp and indexOf). Each old
// case runs in a child process and is killed at a timeout, so a frozen engine shows as "> N s, killed".
// `node bench/patterns.mjs` after `node esbuild.js --tests`, or through `npm run bench`.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const OLD_TIMEOUT_S = 10;
const EVIL = '*a*a*a*a*a*a*a*a*a*a*a*a*b';
const NAME = 'a'.repeat(60);
const BIG_MB = 20;

/** Each case: what it is, our code (in this process), the old code (a script for a child process). */
function cases(root) {
  const require = createRequire(path.join(root, 'package.json'));
  const out = (p) => require(path.join(root, 'out', p));
  const { compileGlob, GitignoreRules, createTimedRegex } = out('src/core/patterns/index.js');
  const { findNearMatch, findOccurrences } = out('src/core/tools/editFile.js');
  const big = 'a '.repeat((BIG_MB * 1024 * 1024) / 2);
  const bigA = 'a'.repeat(BIG_MB * 1024 * 1024);
  const small = big.slice(0, big.length / 10);
  // 1,000 tokens: with 5,000 the old `\s+`-joined RegExp does not even compile (stack overflow).
  const nearNeedle = `${'a '.repeat(1000)}b`;
  return [
    {
      name: `list_files pattern \`${EVIL}\` vs a 60-char name (the issue's example)`,
      ours: () => compileGlob(EVIL).matches(NAME),
      old: `const pm = require('picomatch'); pm(${JSON.stringify(EVIL)}, { dot: true })(${JSON.stringify(NAME)});`,
    },
    {
      name: `.gitignore line \`${EVIL}\` vs a 60-char name`,
      ours: () => GitignoreRules.parse(`${EVIL}\n`, '.gitignore').test(NAME, false),
      old: `const ignore = require('ignore'); ignore().add(${JSON.stringify(EVIL)}).test(${JSON.stringify(NAME)});`,
    },
    {
      name: `tools.exclude \`${EVIL}\` vs a 60-char name (gitignore + glob, as IgnoreRules applies it)`,
      ours: () => GitignoreRules.fromPatterns([EVIL], () => ({ source: 'x', line: 1 })).test(NAME, false) ?? compileGlob(EVIL).matches(NAME),
      old: `const ignore = require('ignore'); const pm = require('picomatch'); ignore().add([${JSON.stringify(EVIL)}]).test(${JSON.stringify(NAME)}); pm(${JSON.stringify(EVIL)}, { dot: true })(${JSON.stringify(NAME)});`,
    },
    {
      name: `.gitignore line \`${EVIL}\` vs a 200-char name`,
      ours: () => GitignoreRules.parse(`${EVIL}\n`, '.gitignore').test('a'.repeat(200), false),
      old: `const ignore = require('ignore'); ignore().add(${JSON.stringify(EVIL)}).test(${JSON.stringify('a'.repeat(200))});`,
    },
    {
      name: 'search include `**/*a*/**/*a*/**/*a*/**/*b` vs a 40-segment path',
      ours: () => compileGlob('**/*a*/**/*a*/**/*a*/**/*b').matches(Array.from({ length: 40 }, () => 'aaaaaaaaaa').join('/')),
      old: `const pm = require('picomatch'); pm('**/*a*/**/*a*/**/*a*/**/*b', { dot: true })(${JSON.stringify(Array.from({ length: 40 }, () => 'aaaaaaaaaa').join('/'))});`,
    },
    {
      // Scale check: one tenth of the input should take about one tenth of the time (linear), not 1/100.
      name: `edit_file near match, ${BIG_MB / 10} MB of "a a a …", 1,000-token old_text (scale check)`,
      ours: () => findNearMatch(small, nearNeedle),
      old: `const text = 'a '.repeat(${(BIG_MB * 1024 * 1024) / 20}); Number(text); const tokens = ${JSON.stringify(nearNeedle)}.trim().split(/\\s+/); new RegExp(tokens.join('\\\\s+')).exec(text);`,
    },
    {
      name: `edit_file near match, ${BIG_MB} MB of "a a a …", 1,000-token old_text`,
      ours: () => findNearMatch(big, nearNeedle),
      old: `const text = 'a '.repeat(${(BIG_MB * 1024 * 1024) / 2}); Number(text); const tokens = ${JSON.stringify(nearNeedle)}.trim().split(/\\s+/); new RegExp(tokens.join('\\\\s+')).exec(text);`,
    },
    {
      name: `edit_file exact search, ${BIG_MB} MB of "a", needle a×5000 b a×5000`,
      ours: () => findOccurrences(bigA, `${'a'.repeat(5000)}b${'a'.repeat(5000)}`, 11),
      old: `const text = 'a'.repeat(${BIG_MB * 1024 * 1024}); Number(text); const n = 'a'.repeat(5000) + 'b' + 'a'.repeat(5000); for (let i = text.indexOf(n); i !== -1; i = text.indexOf(n, i + 1));`,
    },
    {
      name: 'fallback search regex `(a+)+$` on a line of 40 a’s and a b (worker, 2 s budget)',
      ours: async () => {
        const re = createTimedRegex('(a+)+$');
        try {
          return await re.matchingLines([`${'a'.repeat(40)}b`], 1);
        } catch (error) {
          return error.name;
        } finally {
          re.dispose();
        }
      },
      old: `/(a+)+$/.test(${JSON.stringify(`${'a'.repeat(40)}b`)});`,
    },
  ];
}

function runOld(root, script) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-e', script], { cwd: root, timeout: OLD_TIMEOUT_S * 1000, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.error?.code === 'ETIMEDOUT' || r.signal) return `> ${OLD_TIMEOUT_S} s, killed`;
  if (r.status !== 0) return `failed: ${(String(r.stderr).split('\n').find((l) => /Error/.test(l)) ?? String(r.status)).slice(0, 120)}`;
  return `${ms.toFixed(0)} ms (incl. ~50 ms node start)`;
}

export async function runPatternsBench(root) {
  const rows = [];
  for (const c of cases(root)) {
    // CPU time of this thread (wall time for the worker case, whose work is elsewhere): on a shared,
    // loaded machine wall time mostly measures waiting for a core.
    const time = async () => {
      const cpu = process.cpuUsage();
      const start = process.hrtime.bigint();
      const answer = await c.ours();
      const used = process.cpuUsage(cpu);
      return { cpuMs: (used.user + used.system) / 1000, wallMs: Number(process.hrtime.bigint() - start) / 1e6, answer };
    };
    const cold = await time();
    const warm = [await time(), await time(), await time()].sort((a, b) => a.cpuMs - b.cpuMs)[1];
    const fmt = (ms) => `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;
    rows.push({
      name: c.name,
      ours: `CPU ${fmt(cold.cpuMs)} cold, ${fmt(warm.cpuMs)} warm (median of 3); wall ${fmt(cold.wallMs)} cold, ${fmt(warm.wallMs)} warm → ${JSON.stringify(warm.answer)}`,
      old: runOld(root, c.old),
    });
  }
  return rows;
}

export function printPatternsBench(rows) {
  console.log('\nPathological patterns (ours: linear-time engine / KMP / regex worker; old: picomatch, ignore, RegExp, indexOf)');
  for (const r of rows) console.log(`  ${r.name}\n      ours: ${r.ours}\n      old:  ${r.old}`);
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  printPatternsBench(await runPatternsBench(root));
}
