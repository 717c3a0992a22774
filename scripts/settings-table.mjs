#!/usr/bin/env node
// Prints the settings as a Markdown table for the docs, from the settings table itself
// (src/core/settings/settingsTable.ts, as built under out/ by `node esbuild.js --tests`) and the English
// descriptions in package.nls.json. Usage: node scripts/settings-table.mjs
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = path.join(root, 'out', 'src', 'core', 'settings', 'settingsTable.js');
if (!fs.existsSync(built)) {
  console.error('out/ has no settings table yet: run `node esbuild.js --tests` first.');
  process.exit(1);
}
const { SETTINGS, SETTINGS_SECTION } = createRequire(import.meta.url)(built);
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const nls = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8'));

const code = (value) => `\`${typeof value === 'string' && value !== '' ? value : JSON.stringify(value)}\``;
const cell = (text) => text.replace(/\|/g, '\\|').replace(/\n+/g, ' ');

function allowed(row) {
  if (row.enum) return row.enum.map(code).join(', ');
  const { minimum: min, maximum: max } = row;
  if (min !== undefined && max !== undefined) return `${min} to ${max}`;
  if (min !== undefined) return `at least ${min}`;
  if (max !== undefined) return `at most ${max}`;
  return '';
}

function description(key) {
  const declared = manifest.contributes.configuration.properties[`${SETTINGS_SECTION}.${key}`] ?? {};
  const text = declared.markdownDescription ?? declared.description ?? '';
  const ref = /^%(.+)%$/.exec(text);
  return ref ? (nls[ref[1]] ?? '') : text;
}

const lines = [
  `| Setting (\`${SETTINGS_SECTION}.\`) | Type | Default | Allowed | Scope | Restricted | What it does |`,
  '|---|---|---|---|---|---|---|',
];
for (const [key, row] of Object.entries(SETTINGS)) {
  const restricted = row.userOnly ? 'yes; user settings only' : row.restricted ? 'yes' : '';
  lines.push(`| \`${key}\` | ${row.type === 'array' ? 'string[]' : row.type} | ${code(row.default)} | ${allowed(row)} | ${row.scope} | ${restricted} | ${cell(description(key))} |`);
}
lines.push('', 'Restricted: in Restricted Mode (an untrusted workspace) the workspace\'s value is not used. User settings only: a workspace\'s value is never used.');
console.log(lines.join('\n'));
