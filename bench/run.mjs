#!/usr/bin/env node
// `npm run bench`: benchmarks and budgets (not part of `npm test`). Each prints its own table.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureBudgets, printBudgets } from './budgets.mjs';
import { printCachingBench, runCachingBench } from './caching.mjs';
import { printPatternsBench, runPatternsBench } from './patterns.mjs';
import { printStreamingBench, runStreamingBench } from './streaming.mjs';
import { installCleanupHandlers, runCleanups } from '../scripts/lib/proc.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
execFileSync(process.execPath, ['esbuild.js', '--tests'], { cwd: root, stdio: 'inherit' });
const cachingOk = printCachingBench(await runCachingBench(root));
printPatternsBench(await runPatternsBench(root));
// Budgets package the .vsix the streaming bench installs.
const budgetsOk = printBudgets(measureBudgets(root));
installCleanupHandlers();
let streamingOk = false;
try {
  streamingOk = printStreamingBench(await runStreamingBench(root));
} catch (err) {
  console.error(`streaming bench failed: ${err.stack ?? err}`);
} finally {
  await runCleanups();
}
process.exit(cachingOk && budgetsOk && streamingOk ? 0 : 1);
