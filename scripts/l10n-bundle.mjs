#!/usr/bin/env node
// Writes l10n/bundle.l10n.json: every message the panel (t('…') in src/webview) and the host
// (vscode.l10n.t('…') in src) show, keyed by its English text — the file translators start from.
// Also lists user-visible English in src/core and src/vscode that skips t() (findUntranslated).
// Usage: node scripts/l10n-bundle.mjs [--check]   (--check fails when the file is out of date or text is untranslated)
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

// ---- Untranslated text: English the user would see that does not go through t() / vscode.l10n.t() ----

/**
 * Where user-visible text starts in src/core and src/vscode: notification and status bar calls, the core's
 * info(…), the fields that carry text to the user (tool card summaries, notices, errors, quick picks, input
 * boxes, accessibility labels), as object fields or assigned properties, and exported string constants. Tool schemas' `description`s are for the model.
 */
const TEXT_SITE =
  /(?:show(?:Information|Warning|Error)Message|setStatusBarMessage)\(|(?<![\w.])info\(\s*(?=['"`])|\b(?:text|summary|message|title|label|detail|placeholder|placeHolder|prompt|reason|tooltip):\s*(?=\S)|\.(?:text|summary|message|title|label|detail|placeholder|placeHolder|prompt|tooltip)\s*=(?!=)\s*(?=\S)|^export const \w+(?:\s*:\s*[^=\n]+)?\s*=\s*(?=['"`])/gm;
/** Text the model reads, not the user (prompts, tool results): `// l10n-exempt: <why>` ending the line or alone above it. */
const EXEMPT = /\/\/\s*l10n-exempt:\s*\S/;
const LITERAL = /'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g;
const TRANSLATED_CALL = /(?<![\w.])(?:vscode\.)?(?:l10n\.)?t\(/g;

/** The expression starting at `from` (a call's first argument, a field's value, a constant's initializer). */
function expressionAt(source, from) {
  let depth = 0;
  let quote;
  for (let i = from; i < source.length; i++) {
    const c = source[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}' || c === ',' || c === ';') {
      if (depth === 0) return source.slice(from, i);
      if (c === ')' || c === ']' || c === '}') depth--;
    }
  }
  return source.slice(from);
}

/** `expr` without its t(…) / vscode.l10n.t(…) calls: what is left is shown as written. */
function withoutTranslatedCalls(expr) {
  let out = '';
  let last = 0;
  for (const m of expr.matchAll(TRANSLATED_CALL)) {
    if (m.index < last) continue;
    out += expr.slice(last, m.index);
    let depth = 1;
    let quote;
    let j = m.index + m[0].length;
    for (; j < expr.length && depth > 0; j++) {
      const c = expr[j];
      if (quote) {
        if (c === '\\') j++;
        else if (c === quote) quote = undefined;
      } else if (c === "'" || c === '"' || c === '`') quote = c;
      else if (c === '(') depth++;
      else if (c === ')') depth--;
    }
    last = j;
  }
  return out + expr.slice(last);
}

/** A literal in `expr` that reads as prose: two words in a row, or one capitalised word ("Stopped."). */
function proseLiteral(expr) {
  for (const [literal] of expr.matchAll(LITERAL)) {
    const body = literal.slice(1, -1).replace(/\$\{[^}]*\}/g, ' ').replace(/\$\([\w-]+\)/g, '');
    if (/[A-Za-z]{2,}[,.:;]?\s+[A-Za-z(]/.test(body) || /^\s*[A-Z][a-z]+[.!?…]?\s*$/.test(body)) return literal;
  }
  return undefined;
}

/**
 * `source` with comments and the text of string literals blanked (same length, newlines kept), so that
 * `message:` in a comment or inside a prompt's template is not taken for a field. Code inside a
 * template's `${…}` stays. (Regex literals are not recognised; none in src holds a quote.)
 */
function codeOnly(source) {
  const out = source.split('');
  const blank = (from, to) => {
    for (let k = from; k < to; k++) if (out[k] !== '\n') out[k] = ' ';
  };
  const stack = []; // for each open `${`, the brace depth at which it closes
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '/' && source[i + 1] === '/') {
      const end = source.indexOf('\n', i);
      const to = end < 0 ? source.length : end;
      blank(i, to);
      i = to - 1;
    } else if (c === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      const to = end < 0 ? source.length : end + 2;
      blank(i, to);
      i = to - 1;
    } else if (c === "'" || c === '"' || (c === '}' && stack.length && stack[stack.length - 1] === depth) || c === '`') {
      // A string, a template, or the rest of a template after one of its `${…}`.
      const template = c === '`' || c === '}';
      if (c === '}') stack.pop();
      const close = template ? '`' : c;
      let j = i + 1;
      for (; j < source.length; j++) {
        if (source[j] === '\\') j++;
        else if (source[j] === close) break;
        else if (template && source[j] === '$' && source[j + 1] === '{') {
          stack.push(depth);
          j++;
          break;
        } else if (!template && source[j] === '\n') break;
      }
      blank(i + 1, Math.min(j, source.length));
      i = j;
    } else if (c === '{') depth++;
    else if (c === '}') depth--;
  }
  return out.join('');
}

/** The untranslated user-visible strings in one file's source: `{ line, text }` for each. */
export function untranslatedIn(source) {
  const lines = source.split('\n');
  const found = [];
  for (const m of codeOnly(source).matchAll(TEXT_SITE)) {
    const line = source.slice(0, m.index).split('\n').length;
    const above = line > 1 ? lines[line - 2] : '';
    if (EXEMPT.test(lines[line - 1]) || (/^\s*\/\//.test(above) && EXEMPT.test(above))) continue;
    const value = expressionAt(source, m.index + m[0].length);
    // An object value (a schema property `title: { type, description }`) has fields of its own.
    if (value.trimStart().startsWith('{')) continue;
    const literal = proseLiteral(withoutTranslatedCalls(value));
    if (literal) found.push({ line, text: `${m[0].trim()} ${literal.replace(/\s+/g, ' ').slice(0, 100)}` });
  }
  return found;
}

/** Every untranslated user-visible string in src/core and src/vscode, as `file:line: site 'text'`. */
export function findUntranslated() {
  const out = [];
  for (const dir of ['core', 'vscode']) {
    for (const file of sources(path.join(root, 'src', dir))) {
      if (file.includes(`${path.sep}generated${path.sep}`)) continue;
      for (const { line, text } of untranslatedIn(fs.readFileSync(file, 'utf8'))) out.push(`${path.relative(root, file)}:${line}: ${text}`);
    }
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const text = bundleText();
  const untranslated = findUntranslated();
  if (untranslated.length) {
    console.error(`User-visible text outside t() / vscode.l10n.t() (wrap it, or mark model-facing text \`// l10n-exempt: <why>\`):\n  ${untranslated.join('\n  ')}`);
  }
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(BUNDLE) ? fs.readFileSync(BUNDLE, 'utf8') : '';
    if (current !== text) {
      console.error('l10n/bundle.l10n.json is out of date: run node scripts/l10n-bundle.mjs');
      process.exit(1);
    }
    if (untranslated.length) process.exit(1);
  } else {
    fs.mkdirSync(path.dirname(BUNDLE), { recursive: true });
    fs.writeFileSync(BUNDLE, text);
    console.log(`${BUNDLE}: ${Object.keys(JSON.parse(text)).length} messages`);
  }
}
