// Loads the Claude client bundle (dist/claude.js, which holds the SDK) on demand: parsing the SDK
// takes ~55 ms, so it stays off the activation path.
import * as path from 'node:path';
import type * as ClaudeClientModule from '../core/claude/claudeClient';
import type { ClaudeClientDeps } from '../core/claude/claudeClient';
import type { ClaudeService } from '../core/claude/turnStreamer';

export async function loadClaudeClient(deps: ClaudeClientDeps): Promise<ClaudeService> {
  // A computed path keeps esbuild from inlining the module into extension.js.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(path.join(__dirname, 'claude.js')) as typeof ClaudeClientModule;
  return new mod.ClaudeClient(deps);
}
