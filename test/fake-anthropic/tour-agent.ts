// The demo tour's agent step: list the folder, read a file it found, propose an edit that waits for the
// user's approval, then say whether it was approved or rejected. Every step is chosen from the tool
// results the extension sent back, so it works in any folder (empty, no README, unreadable files).
import { text, toolUse } from './scenarios';
import { commentLine, languageOfPath } from './tour-review';
import { offersTool, type AnsweredCall, type LooseRequest } from './tour-request';
import type { StaticScenario, ToolCall } from './types';

/** The line the proposed edit adds (also what the e2e test looks for on disk). */
export const TOUR_NOTE = 'Added by the Claude Companion tour after you approved it (Revert this turn removes it).';
/** The file proposed when the folder has no file the tour can edit. */
export const TOUR_NEW_FILE = 'claude-tour.md';

const REVIEW_HINT =
  '**Last stop: a code review.** Open a file (%FILE%) and run **Claude: Review Current File** from the Command Palette ' +
  '(or the editor title bar). The findings land in the **Problems** panel on their lines, with the quick fixes ' +
  '*Apply suggestion*, *Explain in chat* and *Dismiss*.';

function reviewHint(path?: string): string {
  return REVIEW_HINT.replace('%FILE%', path ? `\`${path}\` will do` : 'any file');
}

/** First answer of the agent step: a look at the folder. */
export function startAgentStep(req: LooseRequest, tps: number, thinking: boolean): StaticScenario {
  if (!offersTool(req, 'list_files') || !offersTool(req, 'read_file')) {
    return text('This request came without the workspace tools (is a folder open?), so the tour cannot show them here. Open a folder and send another message.', { tokensPerSecond: tps });
  }
  return toolUse(
    { name: 'list_files', input: {} },
    {
      tokensPerSecond: tps,
      text: 'Next, the agent. I will look at this folder, read a file, and propose a small edit that waits for your approval.',
      ...(thinking ? { thinking: 'The user wants to see the tools. List the folder first, so I only read a file that exists; then read it and propose a one-line edit they can approve or reject.' } : {}),
    },
  );
}

/** Entries of a list_files result that are files (folders end with `/`; notes and links are left out). */
export function listedFiles(listing: string): { files: string[]; folders: string[] } {
  const files: string[] = [];
  const folders: string[] = [];
  for (const raw of listing.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('…') || line.startsWith('(') || line.endsWith('(symbolic link)')) continue;
    if (/ is empty \(ignored entries are not listed\)\.$/.test(line) || line.startsWith('No entries in ')) continue;
    (line.endsWith('/') ? folders : files).push(line.replace(/\/$/, ''));
  }
  return { files, folders };
}

/** README first, then other prose, then code the tour can comment on, then package.json, then anything. */
export function pickFile(files: readonly string[]): string | undefined {
  const base = (f: string) => f.split('/').pop() ?? f;
  const depth = (f: string) => f.split('/').length;
  const byDepth = [...files].sort((a, b) => depth(a) - depth(b));
  return (
    byDepth.find((f) => /^readme(\.(md|markdown|txt))?$/i.test(base(f))) ??
    byDepth.find((f) => languageOfPath(f) === 'markdown') ??
    byDepth.find((f) => commentLine(languageOfPath(f), '') !== undefined) ??
    byDepth.find((f) => base(f) === 'package.json') ??
    byDepth[0]
  );
}

function proposeNewFile(why: string, tps: number, readPath?: string, lineCount?: number): StaticScenario {
  const about = readPath ? `\nI read \`${readPath}\`${lineCount !== undefined ? ` (${lineCount} line${lineCount === 1 ? '' : 's'})` : ''} on the way.\n` : '';
  const content = `# Claude Companion tour\n\nThis file was proposed by the tour and written after you approved it.\n${about}\nDelete it, or use *Revert this turn*, to take it back.\n`;
  return toolUse({ name: 'write_file', input: { path: TOUR_NEW_FILE, content } }, { tokensPerSecond: tps, text: `${why} I will propose a new file, \`${TOUR_NEW_FILE}\`: it opens in a diff, and nothing is written until you choose **Approve**.` });
}

interface ReadLine {
  n: number;
  text: string;
}

/** The numbered lines of a read_file result (its notes and truncated lines left out). */
function readLines(result: string): ReadLine[] {
  const out: ReadLine[] = [];
  for (const row of result.split('\n')) {
    const m = /^\s*(\d+)\| (.*)$/.exec(row);
    if (m && !/… \[line truncated: \d+ more characters\]$/.test(m[2]!)) out.push({ n: Number(m[1]), text: m[2]! });
  }
  return out;
}

function occurrences(haystack: string, needle: string): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) count++;
  return count;
}

/** An edit_file call that adds TOUR_NOTE after the first line that occurs once, or undefined. */
function noteEdit(path: string, lines: readonly ReadLine[]): ToolCall | undefined {
  const language = languageOfPath(path);
  const markdown = language === 'markdown' || language === 'plaintext';
  const comment = markdown ? undefined : commentLine(language, TOUR_NOTE);
  if (!markdown && !comment) return undefined;
  const whole = lines.map((l) => l.text).join('\n');
  const at = lines.findIndex((l, i) => i < 40 && l.text.trim() !== '' && occurrences(whole, l.text) === 1);
  const anchor = lines[at];
  if (!anchor) return undefined;
  const nextBlank = (lines[at + 1]?.text.trim() ?? '') === '';
  const added = markdown ? `\n\n> ${TOUR_NOTE}${nextBlank ? '' : '\n'}` : `\n${/^\s*/.exec(anchor.text)?.[0] ?? ''}${comment}`;
  return { name: 'edit_file', input: { path, old_text: anchor.text, new_text: `${anchor.text}${added}` } };
}

function afterList(call: AnsweredCall, tps: number): StaticScenario {
  if (call.isError) return proposeNewFile(`Listing the folder failed (${firstLine(call.text)}).`, tps);
  const { files, folders } = listedFiles(call.text);
  const file = pickFile(files);
  if (file) {
    return toolUse({ name: 'read_file', input: { path: file } }, { tokensPerSecond: tps, text: `I found ${files.length} file${files.length === 1 ? '' : 's'} here. Reading \`${file}\`.` });
  }
  if (folders.length > 0 && call.input.recursive !== true) {
    return toolUse({ name: 'list_files', input: { recursive: true } }, { tokensPerSecond: tps, text: 'Only folders at the top; looking inside them.' });
  }
  return proposeNewFile('This folder has no files I can read.', tps);
}

function afterRead(call: AnsweredCall, tps: number): StaticScenario {
  const path = typeof call.input.path === 'string' ? call.input.path : '';
  if (call.isError) return proposeNewFile(`Reading \`${path}\` failed (${firstLine(call.text)}).`, tps);
  const lines = readLines(call.text);
  const edit = noteEdit(path, lines);
  if (!edit) return proposeNewFile(`\`${path}\` has ${lines.length} line${lines.length === 1 ? '' : 's'}, and no line I can anchor a note to in its language.`, tps, path, lines.length);
  return toolUse(edit, {
    tokensPerSecond: tps,
    text: `\`${path}\` has ${lines.length} line${lines.length === 1 ? '' : 's'}. I propose adding one line to it: the change opens in a diff, and nothing is written until you choose **Approve** (in the tool card or the diff's title bar) or **Reject**.`,
  });
}

function afterWrite(call: AnsweredCall, tps: number): StaticScenario {
  const path = typeof call.input.path === 'string' ? call.input.path : TOUR_NEW_FILE;
  let outcome: string;
  if (!call.isError) outcome = `**You approved the change**, so \`${path}\` is changed on disk (through a WorkspaceEdit: Undo works). *Revert this turn* below puts it back byte for byte.`;
  else if (/declined/i.test(call.text)) outcome = `**You rejected the change**, so nothing was written to \`${path}\`.`;
  else outcome = `The change to \`${path}\` was not applied: ${firstLine(call.text)}`;
  return text(`${outcome}\n\n${reviewHint(path === TOUR_NEW_FILE && call.isError ? undefined : path)}`, { tokensPerSecond: tps });
}

function firstLine(s: string): string {
  return (s.split('\n')[0] ?? '').trim();
}

/** The next answer once tool results came back, or undefined for tools the tour did not call. */
export function continueAgentStep(calls: readonly AnsweredCall[], tps: number): StaticScenario | undefined {
  const call = calls[0];
  switch (call?.name) {
    case 'list_files':
      return afterList(call, tps);
    case 'read_file':
      return afterRead(call, tps);
    case 'edit_file':
    case 'write_file':
      return afterWrite(call, tps);
    default:
      return undefined;
  }
}
