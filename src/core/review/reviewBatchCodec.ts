// The workspace review's codec: each file is reviewed exactly as "Review Current File" reviews it (the
// same system prompt with the project's context and overrides, numbered code, the forced
// `report_findings` tool), and the answer goes through the same finding validation.
import type { BatchReviewCodec, CodecFindings } from './batchCodec';
import type { BatchMessage, BatchMessageParams, ReviewFile } from './batchTypes';
import { REPORT_FINDINGS_TOOL } from './findingTypes';
import { validateFindings } from './findingValidation';
import type { ProjectInfo } from './projectDetection';
import type { ReviewPromptOverrides } from './reviewPrompt';
import { buildReviewRequest } from './reviewRequest';
import { t } from '../l10n';

export const BATCH_REVIEW_MAX_TOKENS = 8000;

export interface ReviewBatchCodecOptions {
  readonly model: string;
  readonly maxTokens?: number;
  readonly project?: ProjectInfo;
  readonly overrides?: ReviewPromptOverrides;
}

export function createReviewBatchCodec(options: ReviewBatchCodecOptions): BatchReviewCodec {
  return { request: (file) => batchRequest(file, options), findings: readFindings };
}

function batchRequest(file: ReviewFile, { model, maxTokens = BATCH_REVIEW_MAX_TOKENS, project, overrides }: ReviewBatchCodecOptions): BatchMessageParams {
  const review = buildReviewRequest({ target: { kind: 'file', path: file.path, text: file.text }, ...(project ? { project } : {}), ...(overrides ? { overrides } : {}) });
  return { model, max_tokens: maxTokens, system: [{ type: 'text', text: review.system }], messages: review.messages, tools: review.tools, tool_choice: review.tool_choice };
}

function readFindings(message: BatchMessage, file: ReviewFile): CodecFindings {
  const call = message.content.find((b) => b.type === 'tool_use' && b.name === REPORT_FINDINGS_TOOL);
  if (!call) {
    if (message.stop_reason === 'max_tokens') return { ok: false, reason: t('the answer hit max_tokens before the report was written') };
    if (message.stop_reason === 'refusal') return { ok: false, reason: t('Claude declined to review this file') };
    return { ok: false, reason: t('Claude answered without calling {0}', REPORT_FINDINGS_TOOL) };
  }
  const checked = validateFindings(call.input, linesOf(file.text).length);
  if (!checked.ok) return { ok: false, reason: checked.error };
  return { ok: true, report: checked.report, dropped: checked.issues.filter((i) => i.action === 'dropped').length };
}

/** The file's lines; a final newline does not start another line; an empty file has one empty line. */
export function linesOf(text: string): string[] {
  return text.replace(/\r?\n$/, '').split(/\r?\n/);
}
