#!/usr/bin/env node
// `npm run bench`: benchmarks and budgets (not part of `npm test`).
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureBudgets, printBudgets } from './budgets.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ok = printBudgets(measureBudgets(root));
process.exit(ok ? 0 : 1);
