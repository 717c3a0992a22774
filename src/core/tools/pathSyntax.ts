// The lexical half of confinement: what a tool path may look like before the file system is consulted.
// Paths are workspace-relative with `/` (a `\` counts as `/` too); in a multi-root workspace the first
// segment names the folder. Nothing is decoded (`%2e%2e` is a literal name) and nothing is expanded (`~`).
import { ToolRefusal, quote } from './toolOutcome';
import type { WorkspaceFolderRef } from './toolTypes';

export const MAX_PATH_LENGTH = 4096;

export interface ParsedToolPath {
  readonly folder: WorkspaceFolderRef;
  /** Folder-relative segments after `.`/`..` were resolved lexically; empty for the folder itself. */
  readonly segments: readonly string[];
}

/** How paths look here, for refusal messages. */
export function pathHint(folders: readonly WorkspaceFolderRef[]): string {
  if (folders.length > 1) {
    const names = folders.map((f) => f.name);
    return `Use a workspace-relative path that starts with a workspace folder name (${names.join(', ')}), e.g. \`${names[0]}/src/index.ts\`.`;
  }
  return 'Use a workspace-relative path such as `src/index.ts`.';
}

export function parseToolPath(input: unknown, folders: readonly WorkspaceFolderRef[], platform: NodeJS.Platform = process.platform): ParsedToolPath {
  if (folders.length === 0) throw new ToolRefusal('No workspace folder is open, so there are no files to work with. Ask the user to open a folder.');
  if (typeof input !== 'string') throw new ToolRefusal(`The path must be a string. ${pathHint(folders)}`);
  const refuse = (why: string) => new ToolRefusal(`${quote(input)} ${why} ${pathHint(folders)}`);
  if (input.includes('\0')) throw refuse('contains a NUL byte.');
  if (input.trim() === '') throw new ToolRefusal(`The path is empty. ${pathHint(folders)}`);
  if (input.length > MAX_PATH_LENGTH) throw refuse(`is longer than ${MAX_PATH_LENGTH} characters.`);
  if (/^file:/i.test(input) || /^[a-z][a-z0-9+.-]+:[\\/]/i.test(input)) throw refuse('is a URL; tools take workspace-relative paths, not URLs.');
  if (/^[a-z]:/i.test(input)) throw refuse('is an absolute Windows path (drive letter); absolute paths are not allowed.');
  if (/^[\\/]{2}/.test(input)) throw refuse('is a UNC or network path; absolute paths are not allowed.');
  if (/^[\\/]/.test(input)) throw refuse('is an absolute path; absolute paths are not allowed.');

  const raw = input.replace(/\\/g, '/').split('/');
  if (raw[0] !== undefined && raw[0].startsWith('~')) throw refuse('starts with `~`, which is not expanded: there is no home directory here.');
  for (const segment of raw) checkSegment(segment, platform, refuse);

  let names = raw.filter((s) => s !== '' && s !== '.');
  let folder: WorkspaceFolderRef;
  if (folders.length === 1) {
    folder = folders[0]!;
  } else {
    const first = names[0];
    if (first === undefined) throw refuse('does not name a workspace folder.');
    const match = folders.find((f) => f.name === first) ?? uniqueCaseInsensitive(folders, first);
    if (!match) {
      if (first === '..') throw refuse('climbs out of the workspace with `..`.');
      throw refuse(`does not start with a workspace folder name. This is a multi-root workspace: the first segment must be one of ${folders.map((f) => quote(f.name)).join(', ')}.`);
    }
    folder = match;
    names = names.slice(1);
  }

  const segments: string[] = [];
  for (const name of names) {
    if (name !== '..') segments.push(name);
    else if (segments.length > 0) segments.pop();
    else if (folders.length > 1) throw refuse(`climbs out of workspace folder ${quote(folder.name)} with \`..\`; \`..\` may not leave the folder the path starts with (to reach another folder, start the path with its name).`);
    else throw refuse('climbs out of the workspace with `..`.');
  }
  return { folder, segments };
}

function checkSegment(segment: string, platform: NodeJS.Platform, refuse: (why: string) => ToolRefusal): void {
  if (segment === '' || segment === '.' || segment === '..') return;
  // Fullwidth dots and slashes, one-dot leaders…: harmless literal names on most systems, but they
  // look like `..`, and compatibility mappings could turn them into it. Refuse rather than guess.
  const folded = segment.normalize('NFKC');
  if (folded !== segment && (/^[. ]+$/.test(folded) || /[\\/]/.test(folded))) {
    throw refuse(`has a segment (${quote(segment)}) made of characters that look like \`.\` or \`/\`.`);
  }
  // Windows drops trailing dots and spaces (`.. ` is `..`, `.env.` is `.env`), so refuse them everywhere.
  if (/^[. ]+$/.test(segment)) throw refuse(`has a segment made only of dots and spaces (${quote(segment)}).`);
  if (/[. ]$/.test(segment)) throw refuse(`has a segment that ends with a dot or a space (${quote(segment)}), which Windows would silently drop.`);
  if (platform === 'win32' && /[:*?"<>|]/.test(segment)) throw refuse(`has a segment with a character Windows does not allow in names (${quote(segment)}).`);
}

function uniqueCaseInsensitive(folders: readonly WorkspaceFolderRef[], name: string): WorkspaceFolderRef | undefined {
  const lower = name.toLowerCase();
  const hits = folders.filter((f) => f.name.toLowerCase() === lower);
  return hits.length === 1 ? hits[0] : undefined;
}
