// A review as a chat turn: sends the review request, streams the model's report into the chat as
// prose while it arrives, then validates the findings and hands them to the editor. A model that ends
// without calling report_findings, or sends a malformed report, fails the turn with a clear error
// (Retry in the panel repeats the review).
import type { ErrorAction, ErrorInfo } from '../../shared/protocol';
import type { CustomAnswer, CustomAnswerResult } from '../chat/customTurn';
import type { AssistantBlock, ClaudeStreamEvent, TurnResult } from '../claude/streamEvents';
import { TurnFailure, type TurnStreamer } from '../claude/turnStreamer';
import { REPORT_FINDINGS_TOOL, type ReviewReport } from './findingTypes';
import { validateFindings, type FindingIssue } from './findingValidation';
import { ReportProseStream } from './reportProse';
import type { ReviewRequest, ReviewScope } from './reviewRequest';
import { t } from '../l10n';

export interface ReviewResult {
  readonly report: ReviewReport;
  /** What validation changed or dropped. */
  readonly issues: readonly FindingIssue[];
  readonly scope: ReviewScope;
}

export interface ReviewAnswerInput {
  readonly streamer: TurnStreamer;
  readonly request: ReviewRequest;
  /** Code-fence language for suggestions in the chat. */
  readonly languageId?: string;
  /** Called once per successful run (a Retry from the panel calls it again). */
  readonly onReport: (result: ReviewResult) => void;
}

export function reviewAnswer({ streamer, request, languageId, onReport }: ReviewAnswerInput): CustomAnswer {
  return async (io): Promise<CustomAnswerResult> => {
    const prose = new ReportProseStream(languageId ? { languageId } : {});
    let reportIndex: number | undefined;
    let reportJson = '';
    const onEvent = (event: ClaudeStreamEvent): void => {
      if (event.type === 'blockStart' && event.kind === 'tool_use' && event.toolName === REPORT_FINDINGS_TOOL && reportIndex === undefined) {
        reportIndex = event.index;
        io.apply({ type: 'blockStart', index: event.index, kind: 'text' });
        return;
      }
      if (event.type === 'toolInputDelta' && event.index === reportIndex) {
        reportJson += event.partialJson;
        const text = prose.push(event.partialJson);
        if (text) io.apply({ type: 'textDelta', index: event.index, text });
        return;
      }
      if (event.type === 'blockStop' && event.index === reportIndex) {
        // The report is complete here: show the rest before the block closes.
        const input = parseOrUndefined(reportJson);
        const text = input === undefined ? '' : prose.finish(input).append;
        if (text) io.apply({ type: 'textDelta', index: event.index, text });
      }
      io.apply(event);
    };

    const result = await streamer.streamTurn({
      messages: request.messages,
      system: request.system,
      tools: request.tools,
      toolChoice: request.tool_choice,
      signal: io.signal,
      onEvent,
    });
    io.countUsage(result.model, result.usage);

    const call = result.content.find((b): b is Extract<AssistantBlock, { type: 'tool_use' }> => b.type === 'tool_use' && b.name === REPORT_FINDINGS_TOOL);
    if (!call) throw new TurnFailure(notReported(result), false);
    const validation = validateFindings(call.input, request.scope.lineCount, { first: request.scope.firstLine, last: request.scope.lastLine });
    if (!validation.ok) throw new TurnFailure(malformed(validation.error), false);

    const final = prose.finish(call.input);
    let text = final.text;
    const note = issuesNote(validation.issues);
    if (note) text += note;
    if (reportIndex !== undefined) {
      if (final.replace) io.replaceBlockText(reportIndex, text);
      else if (note) io.apply({ type: 'textDelta', index: reportIndex, text: note });
    }
    onReport({ report: validation.report, issues: validation.issues, scope: request.scope });
    const prior = result.content.filter((b): b is Extract<AssistantBlock, { type: 'text' }> => b.type === 'text' && b.text.trim() !== '');
    return { content: [...prior, { type: 'text', text: text || t('No findings.') }], model: result.model, stopReason: 'end_turn' };
  };
}

function parseOrUndefined(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return undefined;
  }
}

/** One line per adjusted or dropped finding, under the report (at most five, then a count). */
function issuesNote(issues: readonly FindingIssue[]): string {
  if (issues.length === 0) return '';
  const lines = issues.slice(0, 5).map((i) => `- ${i.action === 'dropped' ? 'Skipped' : 'Adjusted'}: ${i.problem}`);
  if (issues.length > 5) lines.push(`- …and ${issues.length - 5} more`);
  return `\n\n*Some findings needed fixing before they could be shown as problems:*\n${lines.join('\n')}`;
}

function notReported(result: TurnResult): ErrorInfo {
  const info = (title: string, detail: string, actions: readonly ErrorAction[]): ErrorInfo => ({ kind: 'review_not_reported', title, detail, actions });
  switch (result.stopReason) {
    case 'max_tokens':
      return info(t('The review was cut off before Claude reported its findings.'), t('It reached the output limit (claudeCompanion.maxTokens). Raise the limit, or review a smaller part with Review Selection.'), ['openSettings', 'retry']);
    case 'refusal':
      return info(t('Claude declined to review this code.'), result.stopDetails?.explanation ?? t('Try another part of the code, or another model.'), ['selectModel']);
    default:
      return info(t('Claude answered without reporting findings.'), t('The review needs a report_findings call to show problems in the editor. Retry; if it keeps happening, select another model.'), ['retry', 'selectModel']);
  }
}

function malformed(error: string): ErrorInfo {
  return { kind: 'review_malformed', title: t('Claude\'s review report was malformed.'), detail: t('{0} Retry the review.', error), actions: ['retry', 'showLog'] };
}
