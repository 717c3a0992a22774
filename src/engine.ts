// The lazily loaded half of the extension (dist/engine.js): the Anthropic SDK client and the workspace
// tools (ajv, ignore rules). Loading them costs tens of milliseconds, so activation never does.
export { ClaudeClient } from './core/claude/claudeClient';
export { WORKSPACE_TOOLS, createFallbackSearch, createNodeFileSystem, createRipgrepSearch, findRipgrep, listWorkspaceFiles, readFileForAttachment, runTool } from './core/tools';
export { resolveApplyTarget } from './core/codeBlocks/applyTarget';
