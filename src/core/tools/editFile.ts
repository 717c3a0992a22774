// edit_file: replace one exact occurrence of `old_text`. Zero or several occurrences are errors that say
// what to do; nothing is written unless the match is unique and approved. Line endings are preserved:
// in a CRLF file, LF in old_text/new_text is matched and written as CRLF.
import { PATH_PROPERTY, PATH_RULES, defineTool } from './defineTool';
import { readTextFile } from './readFile';
import { dominantEol, lineAt, splitLines } from './textDecoding';
import { ToolFailure, quote } from './toolOutcome';
import { applyWithApproval } from './writeFlow';
import { resolveToolPath } from './workspacePath';

interface EditInput {
  readonly path: string;
  readonly old_text: string;
  readonly new_text: string;
}

const MAX_LISTED_LINES = 10;

export const editFileTool = defineTool<EditInput>({
  name: 'edit_file',
  kind: 'write',
  description:
    'Replace one exact occurrence of `old_text` with `new_text` in an existing file. `old_text` must match the file exactly, including whitespace and indentation (without read_file\'s line-number prefixes), and must occur exactly once: include enough surrounding lines to make it unique. To delete text, use an empty `new_text`. To create a file, use write_file. The user must approve every edit (unless they turned on auto-approval); edits are disabled in Restricted Mode. ' +
    PATH_RULES,
  inputSchema: {
    type: 'object',
    properties: {
      path: PATH_PROPERTY,
      old_text: { type: 'string', minLength: 1, description: 'The exact text to replace; must occur exactly once in the file.' },
      new_text: { type: 'string', description: 'The replacement text (may be empty to delete).' },
    },
    required: ['path', 'old_text', 'new_text'],
    additionalProperties: false,
  },
  async execute(input, ctx, toolUseId) {
    if (input.old_text === input.new_text) throw new ToolFailure('`old_text` and `new_text` are identical, so there is nothing to change.');
    const file = await resolveToolPath(input.path, ctx, { mustExist: false });
    const shown = quote(file.displayPath);
    if (file.type === undefined) throw new ToolFailure(`${shown} does not exist. edit_file only changes existing files; use write_file to create it.`);
    const current = await readTextFile(file, ctx);
    if (current.lossy) throw new ToolFailure(`${shown} is not valid UTF-8; editing it would corrupt the invalid bytes, so edit_file refuses.`);
    const text = current.text;
    const crlf = dominantEol(text) === '\r\n';

    // The text as sent first, then with its line endings adapted to the file's.
    const candidates = [input.old_text];
    if (crlf) candidates.push(input.old_text.replace(/\r?\n/g, '\r\n'));
    else if (input.old_text.includes('\r\n')) candidates.push(input.old_text.replace(/\r\n/g, '\n'));
    let oldText = input.old_text;
    let positions: number[] = [];
    for (const candidate of candidates) {
      positions = occurrences(text, candidate);
      oldText = candidate;
      if (positions.length > 0) break;
    }

    if (positions.length === 0) throw new ToolFailure(noMatchMessage(shown, text, input.old_text));
    if (positions.length > 1) {
      const lines = positions.slice(0, MAX_LISTED_LINES).map((p) => lineAt(text, p));
      const more = positions.length > MAX_LISTED_LINES ? ', …' : '';
      throw new ToolFailure(
        `\`old_text\` occurs ${positions.length} times in ${shown} (at lines ${lines.join(', ')}${more}); nothing was changed. Include more surrounding lines in old_text so that it matches exactly once.`,
      );
    }

    const newText = crlf ? input.new_text.replace(/\r?\n/g, '\r\n') : input.new_text.replace(/\r\n/g, '\n');
    const at = positions[0]!;
    const after = text.slice(0, at) + newText + text.slice(at + oldText.length);
    const first = lineAt(text, at);
    const removed = splitLines(oldText).length;
    const added = splitLines(newText).length;
    const range = (n: number) => (n <= 1 ? `line ${first}` : `lines ${first}–${first + n - 1}`);
    return applyWithApproval(
      {
        tool: 'edit_file',
        file,
        before: current.bytes,
        after,
        doneMessage: `Edited ${shown}: replaced ${range(removed)} with ${newText === '' ? 'nothing' : `${added} line${added === 1 ? '' : 's'} (now ${range(added)})`}.`,
        doneSummary: `edited ${file.displayPath}`,
      },
      ctx,
      toolUseId,
    );
  },
});

/** Start offsets of every occurrence, overlapping ones included (they make the match ambiguous too). */
function occurrences(text: string, needle: string): number[] {
  const found: number[] = [];
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) found.push(i);
  return found;
}

function noMatchMessage(shown: string, text: string, oldText: string): string {
  const base = `\`old_text\` was not found in ${shown}; nothing was changed. It must match the file exactly, including whitespace and indentation.`;
  if (/^\s*\d+\| /m.test(oldText)) return `${base} It looks like it includes read_file's line-number prefixes (\`   12| \`): remove them.`;
  const near = whitespaceInsensitiveMatch(text, oldText);
  if (near !== undefined) return `${base} A match exists if whitespace is ignored, at line ${near}: check indentation, tabs versus spaces and trailing spaces. Re-read that part with read_file and copy it exactly.`;
  return `${base} The file may have changed: re-read it with read_file and copy the text exactly.`;
}

function whitespaceInsensitiveMatch(text: string, oldText: string): number | undefined {
  const tokens = oldText.trim().split(/\s+/).filter(Boolean);
  if (tokens.length === 0 || oldText.length > 20_000) return undefined;
  const pattern = new RegExp(tokens.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+'));
  const m = pattern.exec(text);
  return m ? lineAt(text, m.index) : undefined;
}
