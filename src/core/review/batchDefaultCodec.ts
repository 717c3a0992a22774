// DEFAULT CODEC of the workspace review, a minimal stand-in: a short system prompt, the file with line
// numbers, `report_findings` forced through tool_choice, and basic validation of its input. Meant to be
// replaced by the single-file review's prompt builder and finding validation (same BatchReviewCodec).
import type { BatchReviewCodec, CodecFindings } from './batchCodec';
import type { BatchMessage, BatchMessageParams, ReviewFile } from './batchTypes';
import { REPORT_FINDINGS_TOOL, type FindingSeverity, type ReviewFinding } from './findingTypes';

export const DEFAULT_REVIEW_MAX_TOKENS = 8000;

const SYSTEM_PROMPT =
  'You are Claude, reviewing source code for a developer inside their editor. Report real problems only: ' +
  'bugs, security issues, error handling, performance traps and confusing code, most important first. ' +
  'No praise and no style nits a formatter would fix. Line numbers are 1-based and refer to the numbered ' +
  `lines you are given. Answer only by calling ${REPORT_FINDINGS_TOOL}; an empty findings list is a fine answer.`;

const SEVERITIES: readonly FindingSeverity[] = ['critical', 'warning', 'info'];

export const REPORT_FINDINGS_SCHEMA = {
  type: 'object',
  properties: {
    summary: { type: 'string', description: 'One or two sentences on the file overall.' },
    findings: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          severity: { type: 'string', enum: SEVERITIES },
          line: { type: 'integer', minimum: 1, description: '1-based first line.' },
          endLine: { type: 'integer', minimum: 1, description: '1-based last line (inclusive), when more than one line.' },
          title: { type: 'string', description: 'Short title, under 80 characters.' },
          detail: { type: 'string', description: 'What is wrong and why it matters.' },
          suggestion: { type: 'string', description: 'Replacement text for lines line..endLine, when there is a concrete fix.' },
        },
        required: ['severity', 'line', 'title', 'detail'],
      },
    },
  },
  required: ['summary', 'findings'],
} as const;

export interface DefaultCodecOptions {
  readonly model: string;
  readonly maxTokens?: number;
}

export function createDefaultBatchCodec(options: DefaultCodecOptions): BatchReviewCodec {
  return {
    request: (file) => defaultRequest(file, options),
    findings: readFindings,
  };
}

function defaultRequest(file: ReviewFile, { model, maxTokens = DEFAULT_REVIEW_MAX_TOKENS }: DefaultCodecOptions): BatchMessageParams {
  const lines = linesOf(file.text);
  const width = String(lines.length).length;
  const numbered = lines.map((l, i) => `${String(i + 1).padStart(width)}| ${l}`).join('\n');
  return {
    model,
    max_tokens: maxTokens,
    system: [{ type: 'text', text: SYSTEM_PROMPT }],
    messages: [{ role: 'user', content: `Review \`${file.path}\` (${lines.length} lines).\n\n<file path="${file.path}">\n${numbered}\n</file>` }],
    tools: [{ name: REPORT_FINDINGS_TOOL, description: 'Report the review of the file.', input_schema: REPORT_FINDINGS_SCHEMA }],
    tool_choice: { type: 'tool', name: REPORT_FINDINGS_TOOL },
  };
}

function readFindings(message: BatchMessage, file: ReviewFile): CodecFindings {
  const call = message.content.find((b) => b.type === 'tool_use' && b.name === REPORT_FINDINGS_TOOL);
  if (!call) {
    if (message.stop_reason === 'max_tokens') return { ok: false, reason: 'the answer hit max_tokens before the report was written' };
    if (message.stop_reason === 'refusal') return { ok: false, reason: 'Claude declined to review this file' };
    return { ok: false, reason: `Claude answered without calling ${REPORT_FINDINGS_TOOL}` };
  }
  const input = call.input as { summary?: unknown; findings?: unknown } | undefined;
  if (typeof input !== 'object' || input === null || !Array.isArray(input.findings)) {
    return { ok: false, reason: `${REPORT_FINDINGS_TOOL} came without a findings list` };
  }
  const lineCount = linesOf(file.text).length;
  const findings: ReviewFinding[] = [];
  for (const raw of input.findings as unknown[]) {
    const finding = validFinding(raw, lineCount);
    if (finding) findings.push(finding);
  }
  const summary = typeof input.summary === 'string' ? input.summary : '';
  return { ok: true, report: { summary, findings }, dropped: input.findings.length - findings.length };
}

/** A well-formed finding with its lines clamped into the file, or undefined. */
function validFinding(raw: unknown, lineCount: number): ReviewFinding | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const f = raw as Record<string, unknown>;
  const severity = f.severity as FindingSeverity;
  if (!SEVERITIES.includes(severity)) return undefined;
  if (!Number.isInteger(f.line) || (f.line as number) < 1) return undefined;
  if (typeof f.title !== 'string' || f.title.trim() === '' || typeof f.detail !== 'string') return undefined;
  if (f.endLine !== undefined && !Number.isInteger(f.endLine)) return undefined;
  if (f.suggestion !== undefined && typeof f.suggestion !== 'string') return undefined;
  const wantedEnd = Math.max(f.line as number, (f.endLine as number | undefined) ?? (f.line as number));
  const line = Math.min(f.line as number, lineCount);
  const endLine = Math.min(wantedEnd, lineCount);
  // A suggestion replaces exact lines: once clamping moved them, it would replace the wrong ones.
  const keepSuggestion = typeof f.suggestion === 'string' && line === f.line && endLine === wantedEnd;
  return {
    severity,
    line,
    ...(endLine !== line ? { endLine } : {}),
    title: f.title.trim(),
    detail: f.detail,
    ...(keepSuggestion ? { suggestion: f.suggestion as string } : {}),
  };
}

/** The file's lines; a final newline does not start another line; an empty file has one empty line. */
export function linesOf(text: string): string[] {
  return text.replace(/\r?\n$/, '').split(/\r?\n/);
}
