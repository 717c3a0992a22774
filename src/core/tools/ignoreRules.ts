// Which files the tools may not touch, per workspace folder: the default secret patterns, the
// claudeCompanion.tools.exclude globs, .claudeignore and .gitignore (the root one and nested ones).
// Every path component counts: a file inside an ignored directory is ignored. Refusals name the rule.
//
// Caching: none across calls. A tool call builds fresh rules (two small reads for the root files, then
// one read per directory it looks into, memoised for that call). That is fast for hundreds of files,
// and a .gitignore the model or the user just edited takes effect on the next call without invalidation.
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { decodeText } from './textDecoding';
import type { FileSystemPort, ToolContext, WorkspaceFolderRef } from './toolTypes';

/** Refused unless claudeCompanion.tools.allowSecrets is on. `.git` covers the directory and worktree files. */
export const SECRET_PATTERNS: readonly string[] = ['.env*', '*.pem', '*.key', 'id_rsa*', 'id_dsa*', 'id_ecdsa*', 'id_ed25519*', '.git'];

export const ALLOW_SECRETS_SETTING = 'claudeCompanion.tools.allowSecrets';

export interface IgnoreOptions {
  /** Extra patterns (gitignore syntax; brace globs such as `*.{js,map}` work too). */
  readonly exclude: readonly string[];
  readonly allowSecrets: boolean;
}

interface ExcludeGlob {
  readonly pattern: string;
  readonly matches: (path: string) => boolean;
}

export class IgnoreRules {
  private readonly nested = new Map<string, Promise<Ignore | undefined>>();

  private constructor(
    private readonly fs: FileSystemPort,
    private readonly root: string,
    private readonly secrets: Ignore | undefined,
    private readonly exclude: Ignore,
    private readonly excludeGlobs: readonly ExcludeGlob[],
    private readonly claudeignore: Ignore | undefined,
  ) {}

  /** Reads the folder's root .claudeignore now; .gitignore files are read when a path needs them. */
  static async load(fs: FileSystemPort, root: string, options: IgnoreOptions): Promise<IgnoreRules> {
    const globs: ExcludeGlob[] = [];
    for (const pattern of options.exclude) {
      try {
        globs.push({ pattern, matches: picomatch(pattern.replace(/^\.\//, ''), { dot: true }) });
      } catch {
        // An unparsable glob still applies with gitignore semantics below.
      }
    }
    const claude = await readIgnoreFile(fs, path.join(root, '.claudeignore'));
    return new IgnoreRules(fs, root, options.allowSecrets ? undefined : ignore().add([...SECRET_PATTERNS]), ignore().add([...options.exclude]), globs, claude);
  }

  async isIgnored(relPath: string, isDirectory: boolean): Promise<boolean> {
    return (await this.reason(relPath, isDirectory)) !== undefined;
  }

  /**
   * Why a folder-relative path (`/` separators, '' for the folder itself) is off limits, in words for the
   * model; undefined when the tools may use it.
   */
  async reason(relPath: string, isDirectory: boolean): Promise<string | undefined> {
    if (relPath === '') return undefined;
    const shown = `\`${relPath}${isDirectory ? '/' : ''}\``;
    const hit = (source: string, pattern: string) => `${shown} is ignored: it matched \`${pattern}\` in ${source}. The tools may not read, list, search or write ignored files.`;

    const secret = testRule(this.secrets, relPath, isDirectory);
    if (secret !== undefined) return `${shown} is excluded by the default secret patterns (\`${secret}\`); set ${ALLOW_SECRETS_SETTING} to allow it.`;
    const excluded = testRule(this.exclude, relPath, isDirectory) ?? this.globHit(relPath);
    if (excluded !== undefined) return hit('claudeCompanion.tools.exclude', excluded);
    const claude = testRule(this.claudeignore, relPath, isDirectory);
    if (claude !== undefined) return hit('.claudeignore', claude);

    // .gitignore files from the root down; each applies to paths relative to its own directory.
    const parts = relPath.split('/');
    for (let depth = 0; depth < parts.length; depth++) {
      const dir = parts.slice(0, depth).join('/');
      const rules = await this.gitignoreOf(dir);
      const pattern = testRule(rules, parts.slice(depth).join('/'), isDirectory);
      if (pattern !== undefined) return hit(dir ? `${dir}/.gitignore` : '.gitignore', pattern);
    }
    return undefined;
  }

  private globHit(relPath: string): string | undefined {
    if (this.excludeGlobs.length === 0) return undefined;
    // The path and each ancestor directory: `dist` or `**/dist` excludes everything below it too.
    const parts = relPath.split('/');
    const candidates = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
    for (const glob of this.excludeGlobs) if (candidates.some((c) => glob.matches(c))) return glob.pattern;
    return undefined;
  }

  private gitignoreOf(dir: string): Promise<Ignore | undefined> {
    let rules = this.nested.get(dir);
    if (!rules) {
      rules = readIgnoreFile(this.fs, path.join(this.root, ...(dir ? dir.split('/') : []), '.gitignore'));
      this.nested.set(dir, rules);
    }
    return rules;
  }
}

/** The matching pattern, or undefined. `ignore` also reports a match on a parent directory. */
function testRule(rules: Ignore | undefined, relPath: string, isDirectory: boolean): string | undefined {
  if (!rules) return undefined;
  try {
    const result = rules.test(isDirectory ? `${relPath}/` : relPath);
    return result.ignored ? (result.rule?.pattern ?? relPath) : undefined;
  } catch {
    // `ignore` rejects names such as `...`; our path rules refuse those anyway.
    return undefined;
  }
}

async function readIgnoreFile(fs: FileSystemPort, absPath: string): Promise<Ignore | undefined> {
  try {
    // Only a regular file: a symlinked .gitignore is not followed out of the workspace.
    if ((await fs.lstat(absPath))?.type !== 'file') return undefined;
    const decoded = decodeText(await fs.readFile(absPath));
    return decoded.kind === 'text' ? ignore().add(decoded.text) : undefined;
  } catch {
    return undefined;
  }
}

/** Rules per folder for one tool call (built lazily, then shared by every path the call checks). */
export function rulesForCall(ctx: Pick<ToolContext, 'fs' | 'exclude' | 'allowSecrets'>): (folder: WorkspaceFolderRef) => Promise<IgnoreRules> {
  const byRoot = new Map<string, Promise<IgnoreRules>>();
  return (folder) => {
    let rules = byRoot.get(folder.root);
    if (!rules) {
      rules = IgnoreRules.load(ctx.fs, folder.root, { exclude: ctx.exclude, allowSecrets: ctx.allowSecrets });
      byRoot.set(folder.root, rules);
    }
    return rules;
  };
}
