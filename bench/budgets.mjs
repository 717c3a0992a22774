// Budgets every change keeps: bundle sizes, .vsix size, activation cost. Prints a table; exits 1 when over.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const KB = 1024;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export function measureBudgets(root) {
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: root, stdio: 'ignore' });
  const size = (p) => fs.statSync(path.join(root, p)).size;
  const webviewJs = fs.readdirSync(path.join(root, 'dist/webview')).filter((f) => f.endsWith('.js'));
  const runs = [];
  for (let i = 0; i < 7; i++) {
    runs.push(JSON.parse(execFileSync(process.execPath, [path.join(root, 'bench/activation.cjs'), 'dist/extension.js'], { cwd: root, encoding: 'utf8' })));
  }
  const rows = [
    { budget: 'extension bundles (minified)', value: (size('dist/extension.js') + size('dist/engine.js')) / KB, limit: 700, unit: 'KB', note: `extension.js ${(size('dist/extension.js') / KB).toFixed(0)} KB + engine.js (lazy) ${(size('dist/engine.js') / KB).toFixed(0)} KB` },
    { budget: 'webview bundle, initial chunk', value: size('dist/webview/chat.js') / KB, limit: Infinity, unit: 'KB', note: `${webviewJs.length} chunk(s)` },
    { budget: '.vsix', value: size('dist/claude-companion.vsix') / KB, limit: 2048, unit: 'KB' },
    { budget: 'bundle load (require), median of 7', value: median(runs.map((r) => r.loadMs)), limit: Infinity, unit: 'ms', note: 'plain Node, vscode stubbed' },
    { budget: 'activate(), median of 7', value: median(runs.map((r) => r.activateMs)), limit: 30, unit: 'ms', note: 'plain Node, vscode stubbed' },
  ];
  return rows;
}

export function printBudgets(rows) {
  console.log('\nBudgets');
  let over = false;
  for (const r of rows) {
    const ok = r.value <= r.limit;
    over ||= !ok;
    const limit = Number.isFinite(r.limit) ? `≤ ${r.limit} ${r.unit}` : '(reported)';
    console.log(`  ${ok ? 'ok  ' : 'OVER'} ${r.budget.padEnd(38)} ${r.value.toFixed(1).padStart(8)} ${r.unit.padEnd(3)} ${limit}${r.note ? `  ${r.note}` : ''}`);
  }
  return !over;
}
