#!/usr/bin/env node
// Writes l10n/bundle.l10n.json: every message the panel (t('…') in src/webview) and the host
// (vscode.l10n.t('…') in src) show, keyed by its English text — the file translators start from.
// Usage: node scripts/l10n-bundle.mjs [--check]   (--check fails when the file is out of date)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE = path.join(root, 'l10n', 'bundle.l10n.json');

/** Single-quoted first arguments of t(…) / l10n.t(…) calls. */
const CALL = /(?<![\w.])(?:vscode\.)?(?:l10n\.)?t\(\s*'((?:[^'\\]|\\.)*)'/g;

function sources(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

export function extractMessages() {
  const messages = new Set();
  for (const file of sources(path.join(root, 'src'))) {
    for (const m of fs.readFileSync(file, 'utf8').matchAll(CALL)) messages.add(m[1].replace(/\\'/g, "'").replace(/\\\\/g, '\\'));
  }
  return Object.fromEntries([...messages].sort().map((m) => [m, m]));
}

export function bundleText() {
  return `${JSON.stringify(extractMessages(), null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const text = bundleText();
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(BUNDLE) ? fs.readFileSync(BUNDLE, 'utf8') : '';
    if (current !== text) {
      console.error('l10n/bundle.l10n.json is out of date: run node scripts/l10n-bundle.mjs');
      process.exit(1);
    }
  } else {
    fs.mkdirSync(path.dirname(BUNDLE), { recursive: true });
    fs.writeFileSync(BUNDLE, text);
    console.log(`${BUNDLE}: ${Object.keys(JSON.parse(text)).length} messages`);
  }
}
