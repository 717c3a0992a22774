// Fake Anthropic Messages API for every test tier. Start with `startFakeAnthropic()`, point the SDK's
// baseURL at `fake.url`, queue answers with `fake.enqueue(text('hi'), httpError(529), …)`.
export { startFakeAnthropic } from './server';
export {
  FAULT_TEXT,
  dropConnection,
  httpError,
  message,
  midStreamError,
  paced,
  redactedThinking,
  refusal,
  replayFile,
  replaySse,
  reportFindings,
  stall,
  text,
  thinking,
  toolUse,
  type StreamingScenario,
} from './scenarios';
export { echoScenario, lastUserText } from './messages';
export { TOUR_STEPS, tourScenario, type TourOptions } from './tour';
export { TOUR_NEW_FILE, TOUR_NOTE } from './tour-agent';
export { byModel } from './model-routing';
export { MIN_CACHEABLE_TOKENS, MODELS, MODEL_IDS, findModel, minCacheableTokens } from './models';
export { estimateInputTokens } from './validate';
export { IMAGE_MEDIA_TYPES, imageSize, sniffImage } from './images';
export { flattenPrompt, type FlatPrompt, type PromptBlock } from './prompt';
export { LOOKBACK_BLOCKS, type CacheUsage } from './prompt-cache';
export { MAX_BREAKPOINTS, TTL_MS } from './breakpoints';
export { errorTypeForStatus } from './errors';
export { fakeSignature } from './plan';
export { batchCanceled, batchErrored, batchExpired, batchSucceeded } from './batches';
export type * from './types';
export type * from './batch-types';
