// How full the model's context window is. After a request the API's own count is exact: everything it
// read (input, cache reads and writes) plus what it wrote, which the next request will read back.
import type { ContextMeter } from '../../shared/protocol';
import type { TurnUsage } from '../claude/streamEvents';
import { BUILT_IN_MODELS, unknownModel } from '../models/modelInfo';

export function contextWindowOf(model: string): number {
  return (BUILT_IN_MODELS.find((m) => m.id === model) ?? unknownModel(model)).contextWindow;
}

export function meterFromUsage(usage: TurnUsage, windowTokens: number): ContextMeter {
  const usedTokens = usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens + usage.outputTokens;
  return { usedTokens, windowTokens, estimated: false };
}
