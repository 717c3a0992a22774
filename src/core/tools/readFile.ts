// read_file: a text file with line numbers, optionally a 1-based inclusive line range, capped per call.
import { PATH_PROPERTY, PATH_RULES, defineTool } from './defineTool';
import { decodeText, splitLines } from './textDecoding';
import { ToolFailure, done, quote } from './toolOutcome';
import { type ResolvedToolPath, resolveToolPath } from './workspacePath';
import type { ToolContext } from './toolTypes';

export const MAX_READ_LINES = 2000;
export const MAX_READ_CHARS = 256 * 1024;
/** Files above this are not loaded at all. */
export const MAX_READ_FILE_BYTES = 20 * 1024 * 1024;
const MAX_LINE_CHARS = 2000;

interface ReadInput {
  readonly path: string;
  readonly start_line?: number;
  readonly end_line?: number;
}

export const readFileTool = defineTool<ReadInput>({
  name: 'read_file',
  kind: 'read',
  description:
    `Read a text file. Each line is prefixed with its number and \`| \` (e.g. \`   12| text\`); the prefix is not part of the file. \`start_line\`/\`end_line\` (1-based, inclusive) read a range. At most ${MAX_READ_LINES} lines or ${MAX_READ_CHARS / 1024} KB per call; the result says how to read the rest. Binary files are refused. ` +
    PATH_RULES,
  inputSchema: {
    type: 'object',
    properties: {
      path: PATH_PROPERTY,
      start_line: { type: 'integer', minimum: 1, description: 'First line to read (1-based). Default 1.' },
      end_line: { type: 'integer', minimum: 1, description: 'Last line to read (1-based, inclusive). Default: the end of the file.' },
    },
    required: ['path'],
    additionalProperties: false,
  },
  async execute(input, ctx) {
    if (input.start_line !== undefined && input.end_line !== undefined && input.end_line < input.start_line) {
      throw new ToolFailure(`\`end_line\` (${input.end_line}) is before \`start_line\` (${input.start_line}); end_line must be ≥ start_line.`);
    }
    const file = await resolveToolPath(input.path, ctx, { mustExist: true });
    const text = await readTextFile(file, ctx);
    const lines = splitLines(text.text);
    const total = lines.length;
    const shown = file.displayPath;
    if (total === 0) return done(`${quote(shown)} is empty (0 lines).`, `read ${shown} (empty)`);

    const start = input.start_line ?? 1;
    if (start > total) throw new ToolFailure(`\`start_line\` ${start} is past the end of ${quote(shown)}, which has ${total} line${total === 1 ? '' : 's'}.`);
    const end = Math.min(input.end_line ?? total, total);

    const width = Math.max(5, String(end).length);
    const out: string[] = [];
    let chars = 0;
    let clipped = 0;
    let last = start - 1;
    for (let n = start; n <= end; n++) {
      let line = lines[n - 1]!;
      if (line.length > MAX_LINE_CHARS) {
        line = `${line.slice(0, MAX_LINE_CHARS)}… [line truncated: ${line.length - MAX_LINE_CHARS} more characters]`;
        clipped++;
      }
      const numbered = `${String(n).padStart(width)}| ${line}`;
      if (out.length >= MAX_READ_LINES || (out.length > 0 && chars + numbered.length + 1 > MAX_READ_CHARS)) break;
      out.push(numbered);
      chars += numbered.length + 1;
      last = n;
    }

    const notes: string[] = [];
    if (last < end) notes.push(`(Showing lines ${start}–${last} of ${total}: the ${MAX_READ_LINES}-line / ${MAX_READ_CHARS / 1024} KB limit per call was reached. To read more, call read_file with start_line: ${last + 1}.)`);
    else if (start > 1 || end < total) notes.push(`(Lines ${start}–${end} of ${total}.)`);
    if (input.end_line !== undefined && input.end_line > total) notes.push(`(end_line ${input.end_line} is past the end; the file has ${total} lines.)`);
    if (clipped) notes.push(`(${clipped} long line${clipped === 1 ? ' was' : 's were'} truncated at ${MAX_LINE_CHARS} characters; use search_files to find text in them.)`);
    if (text.lossy) notes.push('(The file is not valid UTF-8: invalid bytes are shown as �. Do not edit it with edit_file.)');
    if (text.encoding.startsWith('utf-16')) notes.push(`(Encoding: ${text.encoding.toUpperCase()}.)`);
    return done([...out, ...notes].join('\n'), `read ${last - start + 1} line${last === start ? '' : 's'} of ${shown}`);
  },
});

/** Loads and decodes a resolved file, refusing folders, huge files and binary files with clear words. */
export async function readTextFile(file: ResolvedToolPath, ctx: Pick<ToolContext, 'fs'>): Promise<{ text: string; lossy: boolean; encoding: string; bytes: Uint8Array }> {
  const shown = quote(file.displayPath);
  if (file.type === 'directory') throw new ToolFailure(`${shown} is a folder, not a file. Use list_files to see what it contains.`);
  if (file.type !== 'file') throw new ToolFailure(`${shown} is not a regular file.`);
  if ((file.size ?? 0) > MAX_READ_FILE_BYTES) {
    throw new ToolFailure(`${shown} is ${((file.size ?? 0) / 1024 / 1024).toFixed(1)} MB, too large to read (limit ${MAX_READ_FILE_BYTES / 1024 / 1024} MB). Use search_files to find the part you need.`);
  }
  const bytes = await ctx.fs.readFile(file.absPath);
  const decoded = decodeText(bytes);
  if (decoded.kind === 'binary') throw new ToolFailure(`${shown} is a binary file (it contains NUL bytes), so it cannot be read as text.`);
  return { text: decoded.text, lossy: decoded.lossy, encoding: decoded.encoding, bytes };
}
