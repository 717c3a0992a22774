// How a model request's stop_reason ends (or continues) the loop, and the words the panel shows.
import type { TurnResult } from '../claude/streamEvents';
import type { AgentEndReason } from './agentTypes';
import { t } from '../l10n';

export type StopAction =
  | { readonly kind: 'tools' } // run the tool_use blocks, send the results, request again
  | { readonly kind: 'resume' } // pause_turn: send the content back as-is and request again
  | { readonly kind: 'end'; readonly reason: AgentEndReason; readonly detail?: string };

export function stopAction(result: TurnResult, hasToolCalls: boolean): StopAction {
  switch (result.stopReason) {
    case 'tool_use':
      return hasToolCalls ? { kind: 'tools' } : { kind: 'end', reason: 'end_turn' };
    case 'pause_turn':
      // Client tool calls in a paused answer still need results before the API takes it back.
      return hasToolCalls ? { kind: 'tools' } : { kind: 'resume' };
    case 'max_tokens':
      return { kind: 'end', reason: 'max_tokens', detail: t('The answer reached the output limit (maxTokens). Continue to let Claude carry on.') };
    case 'refusal':
      return { kind: 'end', reason: 'refusal', detail: refusalExplanation(result) ?? t('Claude declined to continue with this request.') };
    case 'model_context_window_exceeded':
      return {
        kind: 'end',
        reason: 'context_exceeded',
        detail: t('The conversation no longer fits in the model\'s context window. Start a new chat, or compact this one, to go on.'),
      };
    case 'stop_sequence':
      return { kind: 'end', reason: 'stop_sequence' };
    default:
      // end_turn, null and stop reasons newer than this code: the answer is complete as far as we know.
      return { kind: 'end', reason: 'end_turn' };
  }
}

/**
 * The API's `stop_details.explanation` for a refusal. TurnResult does not carry stop_details yet; this
 * reads a `stopDetails` field structurally so the explanation shows up as soon as the client passes it on.
 */
function refusalExplanation(result: TurnResult): string | undefined {
  const details = (result as { readonly stopDetails?: { readonly explanation?: unknown } | null }).stopDetails;
  const explanation = details?.explanation;
  return typeof explanation === 'string' && explanation.trim() !== '' ? explanation : undefined;
}

/** Why tool calls in an answer that ended without stop_reason tool_use were not run. */
export function skippedToolsReason(reason: AgentEndReason): string {
  switch (reason) {
    case 'max_tokens':
      return 'the answer was cut off at the output limit';
    case 'refusal':
      return 'the answer was a refusal';
    case 'context_exceeded':
      return 'the context window is full';
    default:
      return 'the answer ended without asking for tools';
  }
}
