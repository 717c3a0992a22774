// The demo tour's code review: findings on real lines of the file the review request carries (a whole
// file, a selection or a diff), picked by a few simple rules, with at least one quick fix where the
// language allows a comment. The summary says it is scripted, so nobody mistakes it for a model's review.
import { reportFindings } from './scenarios';
import { messageText, type LooseRequest } from './tour-request';
import type { StaticScenario } from './types';

interface Finding {
  severity: 'critical' | 'warning' | 'info';
  line: number;
  title: string;
  detail: string;
  suggestion?: string;
}

interface NumberedLine {
  n: number;
  text: string;
}

interface ReviewedCode {
  path: string;
  language: string;
  /** Lines the findings may point at (the changed ones for a diff). */
  lines: NumberedLine[];
}

const LINE_COMMENT: Record<string, string> = {
  javascript: '//', typescript: '//', javascriptreact: '//', typescriptreact: '//', java: '//', c: '//', cpp: '//',
  csharp: '//', go: '//', rust: '//', swift: '//', kotlin: '//', scala: '//', dart: '//', php: '//', jsonc: '//',
  python: '#', ruby: '#', shellscript: '#', yaml: '#', toml: '#', r: '#', perl: '#', makefile: '#', dockerfile: '#',
  powershell: '#', sql: '--', lua: '--', haskell: '--',
};
const BLOCK_COMMENT: Record<string, [string, string]> = {
  html: ['<!--', '-->'], xml: ['<!--', '-->'], markdown: ['<!--', '-->'], vue: ['<!--', '-->'], svelte: ['<!--', '-->'],
  css: ['/*', '*/'], scss: ['/*', '*/'], less: ['/*', '*/'],
};
const EXTENSION_LANGUAGE: Record<string, string> = {
  js: 'javascript', mjs: 'javascript', cjs: 'javascript', jsx: 'javascriptreact', ts: 'typescript', mts: 'typescript',
  cts: 'typescript', tsx: 'typescriptreact', java: 'java', c: 'c', h: 'c', cc: 'cpp', cpp: 'cpp', hpp: 'cpp', cs: 'csharp',
  go: 'go', rs: 'rust', swift: 'swift', kt: 'kotlin', scala: 'scala', dart: 'dart', php: 'php', py: 'python',
  rb: 'ruby', sh: 'shellscript', bash: 'shellscript', zsh: 'shellscript', yml: 'yaml', yaml: 'yaml', toml: 'toml',
  r: 'r', pl: 'perl', sql: 'sql', lua: 'lua', hs: 'haskell', html: 'html', htm: 'html', xml: 'xml', svg: 'xml',
  vue: 'vue', svelte: 'svelte', css: 'css', scss: 'scss', less: 'less', md: 'markdown', markdown: 'markdown',
  json: 'json', jsonc: 'jsonc', txt: 'plaintext',
};

/** VS Code's language id for a path, from its extension (or a few well-known names). */
export function languageOfPath(path: string): string {
  const base = path.split('/').pop() ?? path;
  if (/^makefile$/i.test(base)) return 'makefile';
  if (/^dockerfile$/i.test(base)) return 'dockerfile';
  const ext = /\.([^.]+)$/.exec(base)?.[1]?.toLowerCase();
  return (ext && EXTENSION_LANGUAGE[ext]) ?? 'plaintext';
}

/** `text` as a comment line of `language`, or undefined where the language has no comments (JSON, plain text). */
export function commentLine(language: string, text: string): string | undefined {
  const line = LINE_COMMENT[language];
  if (line) return `${line} ${text}`;
  const block = BLOCK_COMMENT[language];
  return block ? `${block[0]} ${text} ${block[1]}` : undefined;
}

export function isReviewRequest(req: LooseRequest): boolean {
  return req.tool_choice?.type === 'tool' && req.tool_choice.name === 'report_findings';
}

/** The code a review request shows, with the numbers the model must report (see src/core/review/reviewRequest.ts). */
function reviewedCode(req: LooseRequest): ReviewedCode | undefined {
  const body = messageText(req.messages?.[0]);
  const m = /<(file|diff) path="([^"]*)"(?: language="([^"]*)")?[^>]*>\n([\s\S]*?)\n<\/\1>/.exec(body);
  if (!m) return undefined;
  const [, kind, path = '', language, code = ''] = m;
  const all: Array<NumberedLine & { added: boolean }> = [];
  for (const row of code.split('\n')) {
    const line = /^([+ ]?)\s*(\d+)\| ?(.*)$/.exec(row);
    if (line) all.push({ n: Number(line[2]), text: line[3] ?? '', added: line[1] === '+' });
  }
  const added = all.filter((l) => l.added);
  const shown = kind === 'diff' && added.length > 0 ? added : all;
  // An empty file shows no numbered line; the editor still has line 1.
  const lines = shown.length > 0 ? shown : [{ n: 1, text: '', added: false }];
  return { path, language: language ?? languageOfPath(path), lines: lines.map(({ n, text }) => ({ n, text })) };
}

interface Rule {
  severity: Finding['severity'];
  languages?: readonly string[];
  test: RegExp;
  title: string;
  detail: string;
  fix?: (line: string) => string;
}

const JS = ['javascript', 'typescript', 'javascriptreact', 'typescriptreact'];
const RULES: readonly Rule[] = [
  { severity: 'critical', languages: JS, test: /\beval\s*\(/, title: 'eval runs any string it is given', detail: 'Whoever controls the string controls the code. Parse the data instead (for example with `JSON.parse`).' },
  { severity: 'warning', languages: JS, test: /(^|[^=!<>])==(?!=)/, title: 'Loose equality', detail: '`==` converts types before comparing (`0 == ""` is true). Use `===`.', fix: (l) => l.replace(/(^|[^=!<>])==(?!=)/, '$1===') },
  { severity: 'warning', languages: JS, test: /(^|[^\w$.])var\s/, title: 'var is function-scoped', detail: '`var` leaks out of blocks and can be used before it is set. Use `let` (or `const`).', fix: (l) => l.replace(/(^|[^\w$.])var\s/, '$1let ') },
  { severity: 'warning', test: /\S[ \t]+$/, title: 'Trailing whitespace', detail: 'Invisible characters at the end of the line make noisy diffs.', fix: (l) => l.trimEnd() },
  { severity: 'info', test: /\b(TODO|FIXME|XXX)\b/, title: 'Unfinished work', detail: 'A TODO left in the code: finish it, or track it in an issue and link it here.' },
  { severity: 'info', languages: JS, test: /\bconsole\.log\s*\(/, title: 'Leftover console.log', detail: 'Debug output that reaches users; remove it or use a logger.' },
  { severity: 'info', test: /^.{121,}$/, title: 'Long line', detail: 'Over 120 characters: hard to read side by side and in diffs. Break it up.' },
];

const MAX_FINDINGS = 3;

function ruleFindings(code: ReviewedCode): Finding[] {
  const out: Finding[] = [];
  for (const rule of RULES) {
    if (out.length >= MAX_FINDINGS) break;
    if (rule.languages && !rule.languages.includes(code.language)) continue;
    const hit = code.lines.find((l) => rule.test.test(l.text));
    if (!hit) continue;
    out.push({ severity: rule.severity, line: hit.n, title: rule.title, detail: rule.detail, ...(rule.fix ? { suggestion: rule.fix(hit.text) } : {}) });
  }
  return out;
}

/** Findings that show the feature on any file: a quick fix that adds a comment, and an information row. */
function demoFindings(code: ReviewedCode, found: Finding[]): Finding[] {
  const out: Finding[] = [];
  const used = new Set(found.map((f) => f.line));
  const nonEmpty = code.lines.filter((l) => l.text.trim() !== '' && !l.text.startsWith('#!'));
  const first = nonEmpty[0] ?? code.lines[0];
  if (!found.some((f) => f.suggestion !== undefined) && first) {
    const indent = /^\s*/.exec(first.text)?.[0] ?? '';
    const comment = commentLine(code.language, 'Reviewed in the Claude Companion tour.');
    const empty = code.lines.every((l) => l.text.trim() === '');
    out.push({
      severity: 'warning',
      line: first.n,
      title: empty ? 'The file is empty' : 'Demo finding with a quick fix',
      detail: comment
        ? 'The tour flags this line so you can try its quick fix: Apply suggestion adds a comment above it (Undo takes it back).'
        : 'The tour flags this line to show a finding; this language has no comments, so there is no suggestion to apply.',
      ...(comment ? { suggestion: first.text.trim() === '' ? comment : `${indent}${comment}\n${first.text}` } : {}),
    });
    used.add(first.n);
  }
  const last = [...nonEmpty].reverse().find((l) => !used.has(l.n));
  if (found.length + out.length < 2 && last) {
    out.push({ severity: 'info', line: last.n, title: 'Demo information finding', detail: 'Findings stay on their lines as you edit above them; editing the line clears it. Try the quick fixes Explain in chat or Dismiss.' });
  }
  return out;
}

/** The report_findings answer for a review request, or undefined when the request shows no code. */
export function reviewScenario(req: LooseRequest, tokensPerSecond: number): StaticScenario | undefined {
  const code = reviewedCode(req);
  if (!code) return undefined;
  const found = ruleFindings(code);
  const findings = [...found, ...demoFindings(code, found)];
  const order = { critical: 0, warning: 1, info: 2 } as const;
  findings.sort((a, b) => order[a.severity] - order[b.severity] || a.line - b.line);
  const summary =
    `Scripted demo review of ${code.path} (the fake API, no model): ${findings.length} finding${findings.length === 1 ? '' : 's'} on real lines, ` +
    'picked by simple rules to show how a review lands in the Problems panel with quick fixes. With an API key, Claude reads the code and reports what matters.';
  return reportFindings({ findings, summary }, { tokensPerSecond });
}
