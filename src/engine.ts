// The lazily loaded half of the extension (dist/engine.js): the Anthropic SDK client and the workspace
// tools (ajv, ignore rules). Loading them costs tens of milliseconds, so activation never does.
export { ClaudeClient } from './core/claude/claudeClient';
export { WORKSPACE_TOOLS, createFallbackSearch, createNodeFileSystem, createRipgrepSearch, findRipgrep, listWorkspaceFiles, readFileForAttachment, runTool } from './core/tools';
export { resolveApplyTarget } from './core/codeBlocks/applyTarget';
export { fileAccessChecker } from './core/tools/workspaceFiles';
export { toErrorInfo } from './core/claude/errors';
export { BatchGoneError, WorkspaceBatch, prepareBatch } from './core/review/batchLifecycle';
export { createReviewBatchCodec } from './core/review/reviewBatchCodec';
export { estimateBatchCost } from './core/review/batchCost';
export { readReviewFile, selectReviewFiles } from './core/review/batchFiles';
export { parseBatchRecord } from './core/review/batchRecord';
export { countOutcomes } from './core/review/batchResults';
