// get_diagnostics: the editor's current problems (errors, warnings…) for one file.
import { PATH_PROPERTY, PATH_RULES, defineTool } from './defineTool';
import { ToolFailure, done, quote } from './toolOutcome';
import { resolveToolPath } from './workspacePath';

const MAX_DIAGNOSTICS = 200;
const MAX_MESSAGE_CHARS = 500;

export const getDiagnosticsTool = defineTool<{ readonly path: string }>({
  name: 'get_diagnostics',
  kind: 'read',
  description:
    "List the editor's current problems (compiler errors, lint warnings…) for a file, one per line as `line: severity: message [source]`. Useful after an edit to check it compiles. Problems may take a moment to update after a change. " +
    PATH_RULES,
  inputSchema: {
    type: 'object',
    properties: { path: PATH_PROPERTY },
    required: ['path'],
    additionalProperties: false,
  },
  async execute(input, ctx) {
    if (!ctx.diagnostics) throw new ToolFailure('Diagnostics are unavailable here (no editor is providing them). Check the code by reading it instead.');
    const file = await resolveToolPath(input.path, ctx, { mustExist: true });
    if (file.type === 'directory') throw new ToolFailure(`${quote(file.displayPath)} is a folder; get_diagnostics takes a file.`);
    const all = [...(await ctx.diagnostics.diagnostics(file.absPath))].sort((a, b) => a.line - b.line);
    if (all.length === 0) return done(`No problems reported for ${quote(file.displayPath)}.`, `no problems in ${file.displayPath}`);
    const lines = all.slice(0, MAX_DIAGNOSTICS).map((d) => {
      let message = d.message.replace(/\s*\n\s*/g, ' ').trim();
      if (message.length > MAX_MESSAGE_CHARS) message = `${message.slice(0, MAX_MESSAGE_CHARS)}…`;
      return `${d.line}: ${d.severity}: ${message}${d.source ? ` [${d.source}]` : ''}`;
    });
    if (all.length > MAX_DIAGNOSTICS) lines.push(`… ${all.length - MAX_DIAGNOSTICS} more not shown.`);
    const errors = all.filter((d) => d.severity === 'error').length;
    return done(lines.join('\n'), `${all.length} problem${all.length === 1 ? '' : 's'} in ${file.displayPath}${errors ? ` (${errors} error${errors === 1 ? '' : 's'})` : ''}`);
  },
});
