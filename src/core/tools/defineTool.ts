// Builds a ToolSpec whose run() validates its own input and never throws, so it is safe even when the
// agent loop calls spec.run directly instead of going through runTool.
import { validateInput } from './inputValidation';
import { failed, guardTool } from './toolOutcome';
import type { ToolContext, ToolOutcome, ToolSpec } from './toolTypes';

/** A tool's implementation: what it tells the model (name, description, schema) and what it does. */
export interface WorkspaceTool<I> {
  readonly name: string;
  readonly description: string;
  readonly inputSchema: ToolSpec['inputSchema'];
  readonly kind: ToolSpec['kind'];
  /** Called with input that passed the schema. May throw ToolRefusal / ToolFailure. */
  execute(input: I, ctx: ToolContext, toolUseId: string): Promise<ToolOutcome>;
}

export function defineTool<I>(def: WorkspaceTool<I>): ToolSpec {
  return {
    name: def.name,
    description: def.description,
    inputSchema: def.inputSchema,
    kind: def.kind,
    run: (input, ctx, toolUseId) =>
      guardTool(def.name, ctx.signal, async () => {
        const problem = validateInput(def.name, def.inputSchema, input);
        if (problem) return failed(problem, 'invalid input');
        return def.execute(input as I, ctx, toolUseId);
      }),
  };
}

/** Throws an AbortError when the user stopped the task (tools call it between slow steps). */
export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw Object.assign(new Error('The task was stopped.'), { name: 'AbortError' });
}

/** The path property every path-taking tool uses, worded the same everywhere. */
export const PATH_PROPERTY = {
  type: 'string',
  minLength: 1,
  description: 'Workspace-relative path with `/` separators, e.g. `src/index.ts`. In a multi-root workspace the first segment is the workspace folder name, e.g. `frontend/src/index.ts`.',
} as const;

// l10n-exempt: part of the tools' descriptions, for the model
export const PATH_RULES =
  'Paths are workspace-relative with `/` separators; in a multi-root workspace the first segment is the folder name. Paths leading outside the workspace (absolute, `..`, symbolic links), ignored files (.gitignore, .claudeignore, tools.exclude) and secret files (.env*, *.pem, *.key, id_rsa*, .git/) are refused.';
