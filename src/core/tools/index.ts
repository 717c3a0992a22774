// The workspace tools: what the agent loop and the editor adapter import.
import { editFileTool } from './editFile';
import { getDiagnosticsTool } from './getDiagnostics';
import { listFilesTool } from './listFiles';
import { readFileTool } from './readFile';
import { searchFilesTool } from './searchFiles';
import type { ToolSpec } from './toolTypes';
import { writeFileTool } from './writeFile';

export const WORKSPACE_TOOLS: readonly ToolSpec[] = [listFilesTool, readFileTool, searchFilesTool, writeFileTool, editFileTool, getDiagnosticsTool];

export { runTool } from './runTool';
export { createNodeFileSystem } from './nodeFileSystem';
export { createFallbackSearch, type IgnorePredicate } from './fallbackSearch';
export { createRipgrepSearch } from './ripgrepSearch';
export { findRipgrep, ripgrepCandidates } from './findRipgrep';
export { resolveToolPath, type ResolvedToolPath, type ResolveOptions } from './workspacePath';
export { IgnoreRules, SECRET_PATTERNS, type IgnoreOptions } from './ignoreRules';
export { ToolFailure, ToolRefusal } from './toolOutcome';
export { RESTRICTED_MODE_MESSAGE } from './writeFlow';
// run_command: not in WORKSPACE_TOOLS yet (the terminal wiring offers it).
export { COMMAND_TOOLS, runCommandTool } from './runCommand';
export { editFileTool, getDiagnosticsTool, listFilesTool, readFileTool, searchFilesTool, writeFileTool };
export type * from './toolTypes';
export { AttachRefused, MAX_ATTACHED_FILE_BYTES, listWorkspaceFiles, readFileForAttachment, type AttachedFile, type FileListContext } from './workspaceFiles';
