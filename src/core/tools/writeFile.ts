// write_file: create a file or replace its whole content, through the user's approval.
import { PATH_PROPERTY, PATH_RULES, defineTool } from './defineTool';
import { MAX_READ_FILE_BYTES } from './readFile';
import { decodeText, dominantEol, splitLines } from './textDecoding';
import { ToolFailure, done, quote } from './toolOutcome';
import { applyWithApproval } from './writeFlow';
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
    if (file.type === 'directory') throw new ToolFailure(`${shown} is a folder; give the path of a file inside it.`);
    if (file.type !== undefined && file.type !== 'file') throw new ToolFailure(`${shown} is not a regular file.`);

    let before: Uint8Array | undefined;
    let after = input.content;
    if (file.type === 'file') {
      if ((file.size ?? 0) > MAX_READ_FILE_BYTES) throw new ToolFailure(`${shown} is too large to replace with write_file.`);
      before = await ctx.fs.readFile(file.absPath);
      const old = decodeText(before);
      if (old.kind === 'binary') throw new ToolFailure(`${shown} is a binary file; write_file only writes text and will not replace it.`);
      if (dominantEol(old.text) === '\r\n' && !after.includes('\r')) after = after.replace(/\n/g, '\r\n');
      if (old.text === after) return done(`${shown} already has exactly this content; nothing was written.`, `${file.displayPath} unchanged`);
    }

    const lines = splitLines(after).length;
    const verb = before === undefined ? 'Created' : 'Wrote';
    return applyWithApproval(
      {
        tool: 'write_file',
        file,
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
