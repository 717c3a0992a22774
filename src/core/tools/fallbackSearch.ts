// A pure-TypeScript SearchPort for when VS Code's ripgrep is absent (and for tests): walks the roots in
// name order, skipping ignored folders, symbolic links, binary files and files over 1 MB.
import * as path from 'node:path';
import picomatch from 'picomatch';
import { throwIfAborted } from './defineTool';
import { IgnoreRules } from './ignoreRules';
import { decodeText, splitLines } from './textDecoding';
import type { FileSystemPort, SearchMatch, SearchPort } from './toolTypes';
import { toSlashes } from './workspacePath';

/** `relPath` is root-relative with `/` separators. */
export type IgnorePredicate = (root: string, relPath: string, isDirectory: boolean) => boolean | Promise<boolean>;

export const MAX_SEARCH_FILE_BYTES = 1024 * 1024;
/** A matched line is kept up to this many characters (the tool shortens it further). */
export const MAX_MATCH_TEXT = 1000;

/**
 * Without `isIgnored`, each root's .gitignore/.claudeignore files and the default secret patterns apply.
 * search_files filters results by the full rules again, so this is mostly about not reading junk.
 */
export function createFallbackSearch(fs: FileSystemPort, isIgnored?: IgnorePredicate): SearchPort {
  return {
    async search(query, roots, signal) {
      const test = query.isRegex ? regexTester(query.pattern) : (line: string) => line.includes(query.pattern);
      const include = query.include ? includeMatcher(query.include) : undefined;
      const matches: SearchMatch[] = [];
      const limit = Math.max(1, query.maxResults);

      const walk = async (root: string, absDir: string, relDir: string, ignored: IgnorePredicate): Promise<boolean> => {
        throwIfAborted(signal);
        let entries;
        try {
          entries = [...(await fs.readDirectory(absDir))].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        } catch {
          return true;
        }
        for (const entry of entries) {
          const rel = relDir ? `${relDir}/${entry.name}` : entry.name;
          const abs = path.join(absDir, entry.name);
          if (entry.type === 'directory') {
            if (await ignored(root, rel, true)) continue;
            if (!(await walk(root, abs, rel, ignored))) return false;
          } else if (entry.type === 'file') {
            if (include && !include(rel)) continue;
            if (await ignored(root, rel, false)) continue;
            const stat = await fs.lstat(abs);
            if (!stat || stat.size > MAX_SEARCH_FILE_BYTES) continue;
            throwIfAborted(signal);
            let decoded;
            try {
              decoded = decodeText(await fs.readFile(abs));
            } catch {
              continue;
            }
            if (decoded.kind === 'binary') continue;
            const lines = splitLines(decoded.text);
            for (let i = 0; i < lines.length; i++) {
              if (!test(lines[i]!)) continue;
              // One past the limit tells us the results are truncated.
              if (matches.length === limit) return false;
              matches.push({ absPath: abs, line: i + 1, text: lines[i]!.slice(0, MAX_MATCH_TEXT) });
            }
          }
          // Symbolic links are not followed, as ripgrep does by default.
        }
        return true;
      };

      for (const root of roots) {
        const ignored = isIgnored ?? (await defaultIgnore(fs, root));
        if (!(await walk(root, root, '', ignored))) return { matches, truncated: true };
      }
      return { matches, truncated: false };
    },
  };
}

/** ripgrep's --glob semantics: a glob without `/` matches the file name at any depth. */
function includeMatcher(glob: string): (relPath: string) => boolean {
  const clean = glob.replace(/^\.\//, '');
  const match = picomatch(clean, { dot: true });
  return clean.includes('/') ? match : (rel) => match(rel.slice(rel.lastIndexOf('/') + 1));
}

function regexTester(pattern: string): (line: string) => boolean {
  const re = new RegExp(pattern);
  return (line) => re.test(line);
}

async function defaultIgnore(fs: FileSystemPort, root: string): Promise<IgnorePredicate> {
  const rules = await IgnoreRules.load(fs, root, { exclude: [], allowSecrets: false });
  return (_root, rel, isDir) => rules.isIgnored(toSlashes(rel), isDir);
}
