#!/usr/bin/env node
// `npm run bench`: benchmarks and budgets (not part of `npm test`). Each prints its own table.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureBudgets, printBudgets } from './budgets.mjs';
import { printCachingBench, runCachingBench } from './caching.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
execFileSync(process.execPath, ['esbuild.js', '--tests'], { cwd: root, stdio: 'inherit' });
const cachingOk = printCachingBench(await runCachingBench(root));
const budgetsOk = printBudgets(measureBudgets(root));
process.exit(cachingOk && budgetsOk ? 0 : 1);
