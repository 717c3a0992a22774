// Builds a review request: the system prompt, one user message holding the code with its line numbers
// (a whole file, a selection, or the uncommitted changes of a file as an annotated diff), and the
// `report_findings` tool the model must call. Shared by the editor's reviews and the batch review.
import type { ApiToolParam, ToolChoice } from '../claude/apiTypes';
import type { ApiMessage } from '../claude/turnStreamer';
import { REPORT_FINDINGS_TOOL } from './findingTypes';
import { diffHunks, splitLines, type DiffHunk } from './lineDiff';
import type { ProjectInfo } from './projectDetection';
import { reviewSystemPrompt, type ReviewPromptOverrides } from './reviewPrompt';
import { t } from '../l10n';

export type ReviewTarget =
  | { readonly kind: 'file'; readonly path: string; readonly languageId?: string; readonly text: string }
  /** `text` is the whole file; lines `startLine..endLine` (1-based, inclusive) are reviewed. */
  | { readonly kind: 'selection'; readonly path: string; readonly languageId?: string; readonly text: string; readonly startLine: number; readonly endLine: number }
  /** The file's committed text (empty for a new file) and its current text. */
  | { readonly kind: 'diff'; readonly path: string; readonly languageId?: string; readonly oldText: string; readonly newText: string };

export interface ReviewRequestInput {
  readonly target: ReviewTarget;
  readonly project?: ProjectInfo;
  readonly overrides?: ReviewPromptOverrides;
}

/** Which lines findings may point at (1-based, inclusive) in the file as it is now. */
export interface ReviewScope {
  readonly path: string;
  readonly lineCount: number;
  readonly firstLine: number;
  readonly lastLine: number;
}

export interface ReviewRequest {
  readonly system: string;
  readonly messages: readonly ApiMessage[];
  readonly tools: readonly ApiToolParam[];
  readonly tool_choice: ToolChoice;
  /** What the chat shows as the user's turn, e.g. "Review src/app.ts". */
  readonly title: string;
  readonly scope: ReviewScope;
}

/** Past this much code a review is refused with a hint (a selection, or fewer changes). */
export const MAX_REVIEW_CHARS = 400_000;

export class ReviewTooLarge extends Error {
  override readonly name = 'ReviewTooLarge';
  constructor(
    readonly path: string,
    readonly chars: number,
  ) {
    super(`${path} is too large to review at once (${chars.toLocaleString('en-US')} characters, at most ${MAX_REVIEW_CHARS.toLocaleString('en-US')}). Select a part of it and use Review Selection.`);
  }
}

const finding = {
  type: 'object',
  properties: {
    severity: { type: 'string', enum: ['critical', 'warning', 'info'], description: 'critical: security holes, data loss, crashes, wrong results. warning: likely bugs, fragile or risky code. info: clarity, style, small improvements.' },
    line: { type: 'integer', minimum: 1, description: 'First line of the problem (1-based, as numbered in the code shown).' },
    endLine: { type: 'integer', minimum: 1, description: 'Last line of the problem (inclusive); leave out for a single line.' },
    title: { type: 'string', description: 'The problem in a few words.' },
    detail: { type: 'string', description: 'What is wrong, why it matters, and how to fix it (Markdown).' },
    suggestion: { type: 'string', description: 'Exact replacement text for lines line..endLine (no line numbers, original indentation). Leave out when the fix does not fit there.' },
  },
  required: ['severity', 'line', 'title', 'detail'],
} as const;

/** The tool the model reports through. Findings come first so the summary closes the report. */
export const REPORT_FINDINGS_TOOL_DEFINITION: ApiToolParam = {
  name: REPORT_FINDINGS_TOOL,
  description: 'Reports the code review to the editor: each finding becomes a diagnostic on its lines, with the suggestion as a quick fix. Call it exactly once, with every finding (most severe first) and a closing summary.',
  input_schema: {
    type: 'object',
    properties: {
      findings: { type: 'array', items: finding, description: 'Every finding, critical first; empty if the code is fine.' },
      summary: { type: 'string', description: 'Closing summary: the overall state of the code and the most important thing to fix, in two or three sentences.' },
    },
    required: ['summary', 'findings'],
  },
};

export function buildReviewRequest({ target, project, overrides }: ReviewRequestInput): ReviewRequest {
  const { title, body, scope } = describeTarget(target);
  if (body.length > MAX_REVIEW_CHARS) throw new ReviewTooLarge(target.path, body.length);
  return {
    system: reviewSystemPrompt({ ...(overrides ? { overrides } : {}), ...(project ? { project } : {}) }),
    messages: [{ role: 'user', content: body }],
    tools: [REPORT_FINDINGS_TOOL_DEFINITION],
    tool_choice: { type: 'tool', name: REPORT_FINDINGS_TOOL },
    title,
    scope,
  };
}

/** `lines` numbered from `first`: "  9| code", right-aligned so the code stays aligned. */
export function numberLines(lines: readonly string[], first = 1): string {
  const width = String(first + lines.length - 1).length;
  return lines.map((line, i) => `${String(first + i).padStart(width)}| ${line}`).join('\n');
}

function describeTarget(target: ReviewTarget): { title: string; body: string; scope: ReviewScope } {
  const lang = target.languageId ? ` language="${target.languageId}"` : '';
  switch (target.kind) {
    case 'file': {
      const lines = splitLines(target.text);
      const body = `Review this file.\n\n<file path="${target.path}"${lang}>\n${numberLines(lines)}\n</file>`;
      return { title: t('Review {0}', target.path), body, scope: scopeOf(target.path, lines.length, 1, lines.length) };
    }
    case 'selection': {
      const lines = splitLines(target.text);
      const first = clamp(target.startLine, 1, Math.max(1, lines.length));
      const last = clamp(target.endLine, first, Math.max(1, lines.length));
      const shown = numberLines(lines.slice(first - 1, last), first);
      const body = `Review lines ${first}–${last} of ${target.path} (an excerpt; the rest of the file is not shown).\n\n<file path="${target.path}"${lang} lines="${first}-${last}">\n${shown}\n</file>`;
      return { title: t('Review {0}:{1}-{2}', target.path, first, last), body, scope: scopeOf(target.path, lines.length, first, last) };
    }
    case 'diff': {
      const lineCount = splitLines(target.newText).length;
      const hunks = diffHunks(target.oldText, target.newText);
      const body =
        `Review the uncommitted changes to ${target.path}. Focus on the changed lines; the unchanged lines around them are context.\n` +
        'Each line starts with "+" (added), "-" (removed) or " " (unchanged), then its line number in the file as it is now, then "|". ' +
        'Removed lines have no number because they no longer exist: report a problem with a removal on the nearest line that is shown with a number.\n\n' +
        `<diff path="${target.path}"${lang}>\n${renderHunks(hunks)}\n</diff>`;
      return { title: t('Review changes in {0}', target.path), body, scope: scopeOf(target.path, lineCount, 1, lineCount) };
    }
  }
}

/** Hunks with new-file line numbers: "+  12| added", "-    | removed", "   13| context". */
export function renderHunks(hunks: readonly DiffHunk[]): string {
  const width = String(Math.max(1, ...hunks.map((h) => h.newStart + h.newCount))).length;
  const blank = ' '.repeat(width);
  return hunks
    .map((h) => {
      const header = `@@ -${h.oldStart},${h.oldCount} +${h.newStart},${h.newCount} @@`;
      const body = h.lines.map((l) => {
        if (l.kind === 'delete') return `-${blank}| ${l.text}`;
        return `${l.kind === 'insert' ? '+' : ' '}${String(l.newLine).padStart(width)}| ${l.text}`;
      });
      return [header, ...body].join('\n');
    })
    .join('\n');
}

function scopeOf(path: string, lineCount: number, firstLine: number, lastLine: number): ReviewScope {
  return { path, lineCount, firstLine, lastLine: Math.max(firstLine, lastLine) };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}
