// Builds Messages API request bodies from settings and model capabilities. Sends only what today's API
// accepts: never temperature/top_p/top_k, thinking and effort only in forms the model supports.
import type { Effort, ModelInfo } from '../models/modelInfo';
import { EFFORTS } from '../models/modelInfo';
import type { ClaudeSettings } from './settings';
import type { ApiMessage, ApiToolParam, CacheControl, ToolChoice } from './apiTypes';

export interface TextBlockParam {
  readonly type: 'text';
  readonly text: string;
  readonly cache_control?: CacheControl;
}

export type ThinkingParam = { readonly type: 'adaptive' } | { readonly type: 'enabled'; readonly budget_tokens: number } | { readonly type: 'disabled' };

export interface MessageParams {
  readonly model: string;
  readonly max_tokens: number;
  readonly system: readonly TextBlockParam[];
  readonly messages: readonly ApiMessage[];
  readonly tools?: readonly ApiToolParam[];
  readonly tool_choice?: ToolChoice;
  readonly thinking?: ThinkingParam;
  readonly output_config?: { readonly effort: Effort };
  readonly stop_sequences?: readonly string[];
}

export const MIN_THINKING_BUDGET = 1024;

export interface BuildInput {
  readonly settings: ClaudeSettings;
  readonly model: ModelInfo;
  readonly system: string;
  readonly messages: readonly ApiMessage[];
  readonly tools?: readonly ApiToolParam[];
  readonly toolChoice?: ToolChoice;
}

export function buildMessageParams({ settings, model, system, messages, tools, toolChoice }: BuildInput): MessageParams {
  const maxTokens = Math.max(1, Math.min(settings.maxTokens, model.maxOutputTokens));
  const choice = toolChoice && tools && tools.length > 0 ? toolChoiceFor(toolChoice, model) : undefined;
  const forced = choice?.type === 'tool' || choice?.type === 'any';
  const thinking = forced ? { type: 'disabled' as const } : thinkingParam(settings, model, maxTokens);
  const effort = effortParam(settings.effort, model);
  return {
    model: model.id,
    max_tokens: maxTokens,
    system: [{ type: 'text', text: system }],
    messages,
    ...(tools && tools.length > 0 ? { tools } : {}),
    ...(choice ? { tool_choice: choice } : {}),
    ...(thinking ? { thinking } : {}),
    ...(effort ? { output_config: { effort } } : {}),
    ...(settings.stopSequences.length > 0 ? { stop_sequences: settings.stopSequences } : {}),
  };
}

/** The requested thinking mode if the model has it, else the closest form it does support. */
export function thinkingParam(settings: ClaudeSettings, model: ModelInfo, maxTokens: number): ThinkingParam | undefined {
  const has = (t: 'adaptive' | 'enabled' | 'disabled') => model.thinkingTypes.includes(t);
  const enabled = (): ThinkingParam | undefined =>
    has('enabled') && maxTokens > MIN_THINKING_BUDGET
      ? { type: 'enabled', budget_tokens: Math.min(Math.max(settings.thinkingBudgetTokens, MIN_THINKING_BUDGET), maxTokens - 1) }
      : undefined;
  switch (settings.thinkingMode) {
    case 'off':
      // Models that always think (Opus 5.5) take no `disabled`; sending nothing lets them decide.
      return has('disabled') ? { type: 'disabled' } : undefined;
    case 'enabled':
      return enabled() ?? (has('adaptive') ? { type: 'adaptive' } : undefined);
    case 'adaptive':
      return has('adaptive') ? { type: 'adaptive' } : enabled();
  }
}

/**
 * Forcing a tool needs thinking off; a model that always thinks (Opus 5.5) cannot turn it off, so it
 * gets `auto` instead and the caller must handle an answer without the tool call.
 */
export function toolChoiceFor(requested: ToolChoice, model: ModelInfo): ToolChoice {
  const forced = requested.type === 'tool' || requested.type === 'any';
  return forced && !model.thinkingTypes.includes('disabled') ? { type: 'auto' } : requested;
}

/** The chosen effort, or the highest one the model supports below it. */
export function effortParam(requested: Effort | 'default', model: ModelInfo): Effort | undefined {
  if (requested === 'default') return undefined;
  for (let i = EFFORTS.indexOf(requested); i >= 0; i--) {
    const effort = EFFORTS[i]!;
    if (model.efforts.includes(effort)) return effort;
  }
  return undefined;
}
