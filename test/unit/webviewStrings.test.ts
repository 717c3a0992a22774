// The panel's user-visible English lives in src/webview/strings.ts (through t(), so it reaches
// l10n/bundle.l10n.json and translators). This guard scans the other webview sources for string
// literals that look like English a user would read, so a new inline one fails here rather than
// shipping untranslatable. It is a heuristic: false positives go in ALLOWED, with a reason.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');
const webview = path.join(root, 'src', 'webview');
/** Where the strings are meant to be. */
const EXEMPT_FILES = new Set(['strings.ts', 'l10n.ts']);

/** "file: literal" pairs the heuristic flags but no user reads as prose. Keep it short. */
const ALLOWED = new Set<string>([]);

interface Literal {
  /** The literal's text; for a template, its static parts joined by a space. */
  readonly text: string;
  readonly quote: "'" | '"' | '`';
  /** Offset of the opening quote. */
  readonly start: number;
}

/**
 * The string literals of TypeScript `source`, and the source with comments and regex literals blanked
 * (same length), so the code before a literal can be matched without being fooled by either.
 */
export function scan(source: string): { literals: Literal[]; code: string } {
  const literals: Literal[] = [];
  const code = source.split('');
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (code[k] !== '\n') code[k] = ' ';
  };
  /** Open template literals, innermost last, with the brace depth their current `${` closes at. */
  const templates: { start: number; parts: string[]; closesAt: number }[] = [];
  let depth = 0;
  /** Reads template text from `from` to the closing backtick or the next `${`; returns where to go on. */
  const templateText = (from: number): number => {
    const open = templates.at(-1)!;
    let text = '';
    let j = from;
    while (j < source.length && source[j] !== '`' && !(source[j] === '$' && source[j + 1] === '{')) {
      text += source[j] === '\\' ? (source[++j] ?? '') : source[j];
      j++;
    }
    open.parts.push(text);
    if (source[j] === '$') {
      open.closesAt = depth++;
      return j + 2;
    }
    templates.pop();
    literals.push({ text: open.parts.join('…'), quote: '`', start: open.start });
    return j + 1;
  };
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      const end = source.indexOf('\n', i);
      const stop = end === -1 ? source.length : end;
      blank(i, stop);
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end === -1 ? source.length : end + 2;
      blank(i, stop);
      i = stop;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      let text = '';
      while (j < source.length && source[j] !== c && source[j] !== '\n') {
        text += source[j] === '\\' ? (source[++j] ?? '') : source[j];
        j++;
      }
      literals.push({ text, quote: c, start: i });
      i = j + 1;
    } else if (c === '`') {
      templates.push({ start: i, parts: [], closesAt: -1 });
      i = templateText(i + 1);
    } else if (c === '{') {
      depth++;
      i++;
    } else if (c === '}') {
      depth--;
      i = templates.length && templates.at(-1)!.closesAt === depth ? templateText(i + 1) : i + 1;
    } else if (c === '/' && /(?:[=(,:!&|?{};[]|\b(?:return|typeof|case|in|of))\s*$/.test(source.slice(Math.max(0, i - 20), i))) {
      // A regex literal: skipped so its quotes and slashes are not read as strings or comments.
      let j = i + 1;
      let inClass = false;
      while (j < source.length && source[j] !== '\n' && (inClass || source[j] !== '/')) {
        if (source[j] === '\\') j++;
        else if (source[j] === '[') inClass = true;
        else if (source[j] === ']') inClass = false;
        j++;
      }
      blank(i, j + 1);
      i = j + 1;
    } else {
      i++;
    }
  }
  return { literals, code: code.join('') };
}

/** Two or more words, the first capitalised: "Jump to latest", "Set API Key". */
const SENTENCE = /(?:^|[^\w.-])[A-Z][a-z]+(?:[ \u00a0]+[A-Za-z][\w'’]*)+/;
/** Contexts whose literal a user reads (or hears), whatever it looks like. */
const USER_FACING_BEFORE = [
  /['"]?(?:aria-label|aria-valuetext|aria-description|title|placeholder|alt)['"]?\s*:\s*$/,
  /\.(?:textContent|innerText|title|placeholder|ariaLabel|alt)\s*=\s*$/,
  /setAttribute\(\s*['"](?:aria-label|aria-valuetext|title|placeholder|alt)['"]\s*,\s*$/,
  // h('tag', { … }, 'child' or a later child: text content of an element.
  /\bh\(\s*(['"])[^'"]*\1\s*,\s*\{[^{}]*\}\s*,(?:[^()]*,)?\s*$/,
  /\.(?:append|replaceChildren|prepend)\((?:[^()]*,)?\s*$/,
];
/** A literal compared with something (a key name, a MIME type), not shown. */
const COMPARED_BEFORE = /(?:[!=]==?|\bcase|\.(?:includes|startsWith|endsWith|has|get)\()\s*$/;
/** Lines a user never sees. */
const DEVELOPER_LINE = /^\s*(?:import|export\s+(?:\*|\{[^}]*\})\s+from)\b|console\.\w+\(|new (?:Type|Range)?Error\(|throw /;

export interface Finding {
  readonly line: number;
  readonly text: string;
}

/** Literals in `source` that look like user-facing English. */
export function findUserFacingLiterals(source: string): Finding[] {
  const { literals, code } = scan(source);
  const lines = source.split('\n');
  const findings: Finding[] = [];
  for (const literal of literals) {
    const line = source.slice(0, literal.start).split('\n').length;
    if (DEVELOPER_LINE.test(lines[line - 1] ?? '')) continue;
    const text = literal.text.trim();
    if (!/[A-Za-z]{2}/.test(text)) continue;
    const before = code.slice(Math.max(0, literal.start - 200), literal.start);
    const inUserContext = USER_FACING_BEFORE.some((re) => re.test(before));
    // In a user-facing spot one word is enough ("Send"); elsewhere a capitalised word ("Approve"),
    // unless it is compared with (key names: e.key === 'Enter', case 'Escape':).
    const word = /^[A-Z][a-z]+$/.test(text) && !COMPARED_BEFORE.test(before);
    if (SENTENCE.test(text) || word || (inUserContext && /[A-Za-z]{2}/.test(text))) findings.push({ line, text });
  }
  return findings;
}

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') && !EXEMPT_FILES.has(e.name) ? [p] : [];
  });
}

describe('webview strings', () => {
  it('catches the inline English it is meant to catch, and not code', () => {
    const sample = [
      "import { x } from './not English At All';",
      "const a = h('button', { type: 'button', class: 'button secondary jump-latest' }, icon('arrow-down'), ' Jump to latest');",
      "const b = h('textarea', { 'aria-label': 'Message Claude', rows: '3' });",
      "const c = h('button', { 'aria-label': 'Send' }, icon('send'));",
      'el.title = `Context window: ${text}`;',
      "label.textContent = `Context ${percent}%`;",
      "const d = h('summary', {}, 'Result');",
      "buttons.push(this.button('Approve', 'primary', approve));",
      "if (e.key === 'Enter' || e.dataTransfer.types.includes('Files')) send();",
      "// A comment With Capital words 'Is ignored'",
      "console.warn('Developer Message here');",
      "throw new Error('Not For Users either');",
      "const e = h('div', { class: 'code-block-wrapper', 'data-lang': lang });",
      "const f = /^This chat: ([\\d,.]+)/.exec(s);",
      "const g = () => { return /^https?:/i.test(src) ? `<a href='${src}'>x</a>` : ''; };",
      "el.setAttribute('aria-busy', String(done));",
    ].join('\n');
    assert.deepEqual(
      findUserFacingLiterals(sample).map((f) => f.text.trim()),
      ['Jump to latest', 'Message Claude', 'Send', 'Context window: …', 'Context …%', 'Result', 'Approve'],
    );
  });

  it('src/webview has no inline user-facing English outside strings.ts', () => {
    const found: string[] = [];
    for (const file of sources(webview)) {
      const name = path.relative(webview, file).split(path.sep).join('/');
      for (const f of findUserFacingLiterals(fs.readFileSync(file, 'utf8'))) {
        if (!ALLOWED.has(`${name}: ${f.text}`)) found.push(`${name}:${f.line}: ${JSON.stringify(f.text)}`);
      }
    }
    assert.deepEqual(found, [], `move these into src/webview/strings.ts (with t()), or add a reason to ALLOWED:\n${found.join('\n')}`);
  });
});
