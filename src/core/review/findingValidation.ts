// Checks the model's `report_findings` input against the contract before anything reaches the editor:
// a malformed report is refused with a clear error; a malformed finding is dropped (and said so);
// lines outside the reviewed range are clamped into it, and then their suggestion is dropped, since it
// was written for other lines and "Apply suggestion" must replace exactly what it says.
import type { FindingSeverity, ReviewFinding, ReviewReport } from './findingTypes';

export interface LineBounds {
  /** 1-based, inclusive. */
  readonly first: number;
  readonly last: number;
}

export interface FindingIssue {
  /** Index in the model's `findings` array; -1 for the report itself. */
  readonly index: number;
  readonly action: 'dropped' | 'clamped' | 'suggestionDropped' | 'repaired';
  readonly problem: string;
}

export type FindingsValidation =
  | { readonly ok: true; readonly report: ReviewReport; readonly issues: readonly FindingIssue[] }
  | { readonly ok: false; readonly error: string };

const SEVERITIES: readonly FindingSeverity[] = ['critical', 'warning', 'info'];

/**
 * Validates `toolInput` for a file of `lineCount` lines; findings must point into `bounds` (default: the
 * whole file), e.g. the selection that was reviewed.
 */
export function validateFindings(toolInput: unknown, lineCount: number, bounds?: LineBounds): FindingsValidation {
  if (!isObject(toolInput)) return { ok: false, error: 'The report is not an object with "summary" and "findings".' };
  const issues: FindingIssue[] = [];
  let rawFindings = toolInput['findings'];
  // Models sometimes send the array as a JSON string.
  if (typeof rawFindings === 'string') {
    const parsed = tryParse(rawFindings);
    if (Array.isArray(parsed)) {
      rawFindings = parsed;
      issues.push({ index: -1, action: 'repaired', problem: '"findings" was a JSON string, not an array' });
    }
  }
  if (!Array.isArray(rawFindings)) return { ok: false, error: `"findings" must be an array of findings (got ${describe(rawFindings)}).` };
  let summary = toolInput['summary'];
  if (typeof summary !== 'string') {
    issues.push({ index: -1, action: 'repaired', problem: `"summary" must be a string (got ${describe(summary)})` });
    summary = '';
  }
  const last = Math.max(1, Math.min(bounds?.last ?? lineCount, lineCount > 0 ? lineCount : 1));
  const first = Math.min(Math.max(1, bounds?.first ?? 1), last);
  const findings: ReviewFinding[] = [];
  rawFindings.forEach((raw, index) => {
    const finding = validateOne(raw, index, { first, last }, issues);
    if (finding) findings.push(finding);
  });
  return { ok: true, report: { summary: (summary as string).trim(), findings }, issues };
}

function validateOne(raw: unknown, index: number, bounds: LineBounds, issues: FindingIssue[]): ReviewFinding | undefined {
  const drop = (problem: string) => {
    issues.push({ index, action: 'dropped', problem });
    return undefined;
  };
  if (!isObject(raw)) return drop(`finding ${index + 1} is not an object`);
  const severity = typeof raw['severity'] === 'string' ? (raw['severity'].trim().toLowerCase() as FindingSeverity) : undefined;
  if (!severity || !SEVERITIES.includes(severity)) return drop(`finding ${index + 1}: "severity" must be critical, warning or info (got ${describe(raw['severity'])})`);
  const line = lineNumber(raw['line']);
  if (line === undefined) return drop(`finding ${index + 1}: "line" must be a line number (got ${describe(raw['line'])})`);
  let endLine = raw['endLine'] === undefined || raw['endLine'] === null ? line : lineNumber(raw['endLine']);
  if (endLine === undefined) {
    issues.push({ index, action: 'repaired', problem: `finding ${index + 1}: "endLine" ${describe(raw['endLine'])} ignored` });
    endLine = line;
  }
  const detailRaw = typeof raw['detail'] === 'string' ? raw['detail'].trim() : '';
  let title = typeof raw['title'] === 'string' ? raw['title'].trim() : '';
  if (!title && !detailRaw) return drop(`finding ${index + 1} has neither "title" nor "detail"`);
  if (!title) {
    title = firstLine(detailRaw);
    issues.push({ index, action: 'repaired', problem: `finding ${index + 1}: "title" missing, taken from the detail` });
  }
  const detail = detailRaw || title;

  const start = clamp(Math.min(line, endLine), bounds.first, bounds.last);
  const end = clamp(Math.max(line, endLine), start, bounds.last);
  const moved = start !== line || end !== endLine;
  if (moved) issues.push({ index, action: 'clamped', problem: `finding ${index + 1}: lines ${line}–${endLine} moved to ${start}–${end} (the reviewed lines are ${bounds.first}–${bounds.last})` });

  let suggestion: string | undefined;
  if (raw['suggestion'] !== undefined && raw['suggestion'] !== null) {
    if (typeof raw['suggestion'] !== 'string') issues.push({ index, action: 'suggestionDropped', problem: `finding ${index + 1}: "suggestion" is not text` });
    else if (moved) issues.push({ index, action: 'suggestionDropped', problem: `finding ${index + 1}: suggestion dropped because its lines were out of range` });
    else suggestion = cleanSuggestion(raw['suggestion'], () => issues.push({ index, action: 'repaired', problem: `finding ${index + 1}: line numbers removed from the suggestion` }));
  }
  return { severity, line: start, ...(end !== start ? { endLine: end } : {}), title, detail, ...(suggestion !== undefined ? { suggestion } : {}) };
}

/** Drops one trailing newline, and "12| " prefixes if the model copied them from the numbered code. */
function cleanSuggestion(text: string, onNumbersStripped: () => void): string {
  const body = text.replace(/\r?\n$/, '');
  const lines = body.split(/\r?\n/);
  if (lines.length > 0 && body !== '' && lines.every((l) => /^\s*\d+\| ?/.test(l))) {
    onNumbersStripped();
    return lines.map((l) => l.replace(/^\s*\d+\| ?/, '')).join('\n');
  }
  return body;
}

function lineNumber(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  return Number.isFinite(n) ? Math.floor(n) : undefined;
}

function firstLine(text: string): string {
  const line = text.split(/\r?\n/)[0]!.trim();
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}
