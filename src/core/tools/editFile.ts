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
      positions = findOccurrences(text, candidate, MAX_LISTED_LINES + 1);
      oldText = candidate;
      if (positions.length > 0) break;
    }

    if (positions.length === 0) throw new ToolFailure(noMatchMessage(shown, text, input.old_text));
    if (positions.length > 1) {
      const lines = positions.slice(0, MAX_LISTED_LINES).map((p) => lineAt(text, p));
      // Counting stops past what the message lists, so a huge file of repeats stays cheap.
      const more = positions.length > MAX_LISTED_LINES ? ', …' : '';
      const count = positions.length > MAX_LISTED_LINES ? `at least ${positions.length}` : String(positions.length);
      throw new ToolFailure(
        `\`old_text\` occurs ${count} times in ${shown} (at lines ${lines.join(', ')}${more}); nothing was changed. Include more surrounding lines in old_text so that it matches exactly once.`,
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
        requestedPath: input.path,
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

/**
 * Start offsets of the first `limit` occurrences, overlapping ones included (they make the match
 * ambiguous too). Knuth–Morris–Pratt: O(text + needle) whatever the input; V8's indexOf degrades towards
 * text × needle on needles such as `aaa…baaa…` (measured: 6.6 s on 2 MB with a 10,000-char needle).
 */
export function findOccurrences(text: string, needle: string, limit: number): number[] {
  const found: number[] = [];
  const m = needle.length;
  if (m === 0 || m > text.length) return found;
  const fail = failureTable(needle);
  for (let i = 0, k = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    while (k > 0 && c !== needle.charCodeAt(k)) k = fail[k - 1]!;
    if (c === needle.charCodeAt(k)) k++;
    if (k === m) {
      found.push(i - m + 1);
      if (found.length >= limit) break;
      k = fail[k - 1]!;
    }
  }
  return found;
}

/** KMP failure function: fail[i] = length of the longest proper prefix of needle[0..i] that is also a suffix. */
function failureTable(needle: string): Int32Array {
  const fail = new Int32Array(needle.length);
  for (let i = 1, k = 0; i < needle.length; i++) {
    while (k > 0 && needle.charCodeAt(i) !== needle.charCodeAt(k)) k = fail[k - 1]!;
    if (needle.charCodeAt(i) === needle.charCodeAt(k)) k++;
    fail[i] = k;
  }
  return fail;
}

function noMatchMessage(shown: string, text: string, oldText: string): string {
  const base = `\`old_text\` was not found in ${shown}; nothing was changed. It must match the file exactly, including whitespace and indentation.`;
  if (/^\s*\d+\| /m.test(oldText)) return `${base} It looks like it includes read_file's line-number prefixes (\`   12| \`): remove them.`;
  const near = findNearMatch(text, oldText);
  if (near !== undefined) return `${base} A match exists if whitespace is ignored, at line ${near}: check indentation, tabs versus spaces and trailing spaces. Re-read that part with read_file and copy it exactly.`;
  return `${base} The file may have changed: re-read it with read_file and copy the text exactly.`;
}

/**
 * Line of the first place `oldText` matches when runs of whitespace count as one (at least one where
 * old_text has some), or undefined. Linear: KMP over the file read as if each whitespace run were one
 * space, without building that collapsed copy; a ring of the last needle-length offsets maps back.
 */
export function findNearMatch(text: string, oldText: string): number | undefined {
  const tokens = oldText.trim().split(/\s+/).filter(Boolean);
  if (tokens.length === 0 || oldText.length > 20_000) return undefined;
  const needle = tokens.join(' ');
  const m = needle.length;
  const fail = failureTable(needle);
  const offsets = new Int32Array(m);
  let k = 0;
  let emitted = 0;
  let inSpace = false;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (isWhitespace(c)) {
      if (inSpace) continue;
      inSpace = true;
      c = 32;
    } else {
      inSpace = false;
    }
    offsets[emitted % m] = i;
    emitted++;
    while (k > 0 && c !== needle.charCodeAt(k)) k = fail[k - 1]!;
    if (c === needle.charCodeAt(k)) k++;
    if (k === m) return lineAt(text, offsets[(emitted - m) % m]!);
  }
  return undefined;
}

/** The characters JavaScript's `\s` matches. */
function isWhitespace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
