// The lazily loaded half of the extension (dist/engine.js): the Anthropic SDK client and the workspace
// tools (ignore rules, generated validators). Loading them costs tens of milliseconds, so activation never does.
//
// The boundary rule. dist/extension.js and dist/engine.js are separate bundles: a module both import is
// copied into each, so a class from one copy is not the class of the other (`instanceof` is false) and
// module state is not shared.
// - Engine-side: this file and what it reaches at run time, except the shared leaves (ENGINE_SIDE in
//   .dependency-cruiser.cjs: the client in src/core/claude, the tools, src/core/patterns, the batch
//   half of src/core/review, Apply to File's target resolution, the model catalog).
// - src/extension.ts, src/vscode and the rest of src/core import engine-side modules with `import type`
//   only and reach them at run time only through `EngineModule` below, which loadEngine()
//   (src/vscode/engineLoader.ts) returns.
// - Shared leaves (SHARED_LEAVES there; the exact list is in test/unit/bundleBoundary.test.ts) are plain
//   data and functions, fine to copy. The one class among them, TurnFailure, crosses the boundary and is
//   recognised by a registered symbol (`TurnFailure.is`); src/core/l10n.ts keeps its translator under one
//   so that the engine's copy sees the translator the editor installs.
// Checked by `npm run lint` (dependency-cruiser) and test/unit/bundleBoundary.test.ts (esbuild's metafile).
import { ClaudeClient } from './core/claude/claudeClient';
import { toErrorInfo } from './core/claude/errors';
import { resolveApplyTarget } from './core/codeBlocks/applyTarget';
import { decideCommand } from './core/commands/commandPolicy';
import { BatchGoneError, WorkspaceBatch, prepareBatch } from './core/review/batchLifecycle';
import { estimateBatchCost } from './core/review/batchCost';
import { readReviewFile, selectReviewFiles } from './core/review/batchFiles';
import { parseBatchRecord } from './core/review/batchRecord';
import { countOutcomes } from './core/review/batchResults';
import { WORKSPACE_TOOLS, createFallbackSearch, createNodeFileSystem, createRipgrepSearch, findRipgrep, listWorkspaceFiles, readFileForAttachment, runTool } from './core/tools';
import { fileAccessChecker } from './core/tools/workspaceFiles';

/** Everything the editor side may use from the engine at run time. */
export interface EngineModule {
  /** The Claude client (streams turns, counts tokens, summarises, lists models, batches). */
  readonly ClaudeClient: typeof ClaudeClient;
  readonly toErrorInfo: typeof toErrorInfo;
  /** Workspace tools and what the agent's tool context is built from. */
  readonly WORKSPACE_TOOLS: typeof WORKSPACE_TOOLS;
  readonly runTool: typeof runTool;
  readonly createNodeFileSystem: typeof createNodeFileSystem;
  readonly createFallbackSearch: typeof createFallbackSearch;
  readonly createRipgrepSearch: typeof createRipgrepSearch;
  readonly findRipgrep: typeof findRipgrep;
  /** Attachments, the # file picker and the access questions. */
  readonly listWorkspaceFiles: typeof listWorkspaceFiles;
  readonly readFileForAttachment: typeof readFileForAttachment;
  readonly fileAccessChecker: typeof fileAccessChecker;
  /** Apply to File. */
  readonly resolveApplyTarget: typeof resolveApplyTarget;
  /** The workspace review (Message Batches). `BatchGoneError` is this bundle's class: test with `instanceof engine.BatchGoneError`. */
  readonly WorkspaceBatch: typeof WorkspaceBatch;
  readonly BatchGoneError: typeof BatchGoneError;
  readonly prepareBatch: typeof prepareBatch;
  readonly estimateBatchCost: typeof estimateBatchCost;
  readonly selectReviewFiles: typeof selectReviewFiles;
  readonly readReviewFile: typeof readReviewFile;
  readonly parseBatchRecord: typeof parseBatchRecord;
  readonly countOutcomes: typeof countOutcomes;
  /** run_command's approval: allowed, ask or refused, from the parsed command line. */
  readonly decideCommand: typeof decideCommand;
}

export const engine: EngineModule = {
  ClaudeClient,
  toErrorInfo,
  WORKSPACE_TOOLS,
  runTool,
  createNodeFileSystem,
  createFallbackSearch,
  createRipgrepSearch,
  findRipgrep,
  listWorkspaceFiles,
  readFileForAttachment,
  fileAccessChecker,
  resolveApplyTarget,
  WorkspaceBatch,
  BatchGoneError,
  prepareBatch,
  estimateBatchCost,
  selectReviewFiles,
  readReviewFile,
  parseBatchRecord,
  countOutcomes,
  decideCommand,
};
