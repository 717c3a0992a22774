// write_file: create a file or replace its whole content, through the user's approval.
import { PATH_PROPERTY, PATH_RULES, defineTool } from './defineTool';
import { dominantEol, splitLines } from './textDecoding';
import { done, quote } from './toolOutcome';
import { applyWithApproval, readFileToReplace } from './writeFlow';
import { resolveToolPath } from './workspacePath';

interface WriteInput {
  readonly path: string;
  readonly content: string;
}

export const writeFileTool = defineTool<WriteInput>({
  name: 'write_file',
  kind: 'write',
  description:
    'Create a file, or replace the entire content of an existing one, with `content`. Missing parent folders are created. Prefer edit_file for changes to part of an existing file. The user must approve every write (unless they turned on auto-approval); writes are disabled in Restricted Mode. An existing file keeps its CRLF line endings. ' +
    PATH_RULES,
  inputSchema: {
    type: 'object',
    properties: {
      path: PATH_PROPERTY,
      content: { type: 'string', description: 'The complete new content of the file.' },
    },
    required: ['path', 'content'],
    additionalProperties: false,
  },
  async execute(input, ctx, toolUseId) {
    const file = await resolveToolPath(input.path, ctx, { mustExist: false });
    const shown = quote(file.displayPath);
    // Folders, FIFOs, devices, binary and over-cap files are refused here (shared with Apply to File).
    const old = await readFileToReplace(file, ctx.fs);
    const before = old?.bytes;
    let after = input.content;
    if (old) {
      if (dominantEol(old.text) === '\r\n' && !after.includes('\r')) after = after.replace(/\n/g, '\r\n');
      if (old.text === after) return done(`${shown} already has exactly this content; nothing was written.`, `${file.displayPath} unchanged`);
    }

    const lines = splitLines(after).length;
    const verb = before === undefined ? 'Created' : 'Wrote';
    return applyWithApproval(
      {
        tool: 'write_file',
        file,
        requestedPath: input.path,
        before,
        after,
        doneMessage: `${verb} ${shown} (${lines} line${lines === 1 ? '' : 's'}).`,
        doneSummary: `${verb.toLowerCase()} ${file.displayPath}`,
      },
      ctx,
      toolUseId,
    );
  },
});
