// Which files the tools may not touch, per workspace folder: the default secret patterns, the
// claudeCompanion.tools.exclude globs, .claudeignore and .gitignore (the root one and nested ones).
// Every path component counts: a file inside an ignored directory is ignored. Refusals name the rule.
//
// Fail closed: a rules file that cannot be used (unreadable, not text, not a regular file, a symbolic
// link leaving the folder, a line over the pattern caps) refuses every path it would govern, with a
// reason naming the file; only a missing file means "no rules". Patterns run on the linear-time engine
// in ../patterns, so no rule the repository writes can freeze the extension host.
//
// Caching: none across calls. A tool call builds fresh rules (two small reads for the root files, then
// one read per directory it looks into, memoised for that call). That is fast for hundreds of files,
// and a .gitignore the model or the user just edited takes effect on the next call without invalidation.
import * as path from 'node:path';
import { compileGlob, GitignoreRules, type GlobMatcher, MAX_RULES_FILE_BYTES, PatternError, RulesFileError } from '../patterns';
import { decodeText } from './textDecoding';
import type { FileSystemPort, ToolContext, WorkspaceFolderRef } from './toolTypes';

/** Refused unless claudeCompanion.tools.allowSecrets is on. `.git` covers the directory and worktree files. */
export const SECRET_PATTERNS: readonly string[] = [
  '.env*',
  '.dev.vars',
  '*.pem',
  '*.key',
  '*.p12',
  '*.pfx',
  '*.jks',
  'id_rsa*',
  'id_dsa*',
  'id_ecdsa*',
  'id_ed25519*',
  '.npmrc',
  '.netrc',
  '_netrc',
  '.pypirc',
  '**/.aws/credentials',
  'credentials*.json',
  '*.tfvars',
  '*.tfvars.json',
  '.git',
];

export const ALLOW_SECRETS_SETTING = 'claudeCompanion.tools.allowSecrets';
const EXCLUDE_SETTING = 'claudeCompanion.tools.exclude';

export interface IgnoreOptions {
  /** Extra patterns (gitignore syntax; brace globs such as `*.{js,map}` work too). */
  readonly exclude: readonly string[];
  readonly allowSecrets: boolean;
}

/** A rules source that could not be used: everything it governs is refused. */
interface Broken {
  readonly broken: string;
  /** What to do about it, for the model and the user. */
  readonly fix: string;
}

type RulesSource = GitignoreRules | Broken | undefined;

const SECRETS = GitignoreRules.fromPatterns(SECRET_PATTERNS, (i) => ({ source: 'SECRET_PATTERNS', line: i + 1 }));

export class IgnoreRules {
  private readonly nested = new Map<string, Promise<RulesSource>>();

  private constructor(
    private readonly fs: FileSystemPort,
    private readonly root: string,
    private readonly realRoot: string,
    private readonly secrets: GitignoreRules | undefined,
    private readonly exclude: GitignoreRules | Broken,
    private readonly excludeGlobs: readonly GlobMatcher[],
    private readonly claudeignore: RulesSource,
  ) {}

  /** Reads the folder's root .claudeignore now; .gitignore files are read when a path needs them. */
  static async load(fs: FileSystemPort, root: string, options: IgnoreOptions): Promise<IgnoreRules> {
    let exclude: GitignoreRules | Broken;
    const globs: GlobMatcher[] = [];
    try {
      exclude = GitignoreRules.fromPatterns(options.exclude, (i) => ({ source: EXCLUDE_SETTING, line: i + 1 }));
      // Each entry also applies as a plain glob to the path and each ancestor (`src/**/*.snap`).
      options.exclude.forEach((pattern, i) => {
        try {
          globs.push(compileGlob(pattern.replace(/^\.\//, ''), { dot: true }));
        } catch (error) {
          if (error instanceof PatternError) throw new RulesFileError(EXCLUDE_SETTING, i + 1, error.message);
          throw error;
        }
      });
    } catch (error) {
      if (!(error instanceof RulesFileError)) throw error;
      exclude = { broken: `the setting ${EXCLUDE_SETTING} could not be used (entry ${error.line}: ${trimDot(error.detail)})`, fix: 'Fix or remove that entry' };
    }
    let realRoot = root;
    try {
      realRoot = await fs.realpath(root);
    } catch {
      // Confinement reports an inaccessible folder; the rules keep the path as given.
    }
    const claude = await readIgnoreFile(fs, path.join(root, '.claudeignore'), '.claudeignore', realRoot);
    return new IgnoreRules(fs, root, realRoot, options.allowSecrets ? undefined : SECRETS, exclude, globs, claude);
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
    const refuse = (b: Broken) => `${shown} is refused because ${b.broken}. ${b.fix}; until then the tools refuse the files it covers.`;

    const secret = this.secrets?.test(relPath, isDirectory);
    if (secret !== undefined) return `${shown} is excluded by the default secret patterns (\`${secret}\`); set ${ALLOW_SECRETS_SETTING} to allow it.`;
    if (isBroken(this.exclude)) return refuse(this.exclude);
    const excluded = this.exclude.test(relPath, isDirectory) ?? this.globHit(relPath);
    if (excluded !== undefined) return hit(EXCLUDE_SETTING, excluded);
    if (isBroken(this.claudeignore)) return refuse(this.claudeignore);
    const claude = this.claudeignore?.test(relPath, isDirectory);
    if (claude !== undefined) return hit('.claudeignore', claude);

    // .gitignore files from the root down; each applies to paths relative to its own directory.
    const parts = relPath.split('/');
    for (let depth = 0; depth < parts.length; depth++) {
      const dir = parts.slice(0, depth).join('/');
      const rules = await this.gitignoreOf(dir);
      if (isBroken(rules)) return refuse(rules);
      const pattern = rules?.test(parts.slice(depth).join('/'), isDirectory);
      if (pattern !== undefined) return hit(dir ? `${dir}/.gitignore` : '.gitignore', pattern);
    }
    return undefined;
  }

  private globHit(relPath: string): string | undefined {
    if (this.excludeGlobs.length === 0) return undefined;
    // The path and each ancestor directory: `dist` or `**/dist` excludes everything below it too.
    const parts = relPath.split('/');
    const candidates = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
    for (const glob of this.excludeGlobs) if (candidates.some((c) => glob.matches(c))) return glob.source;
    return undefined;
  }

  private gitignoreOf(dir: string): Promise<RulesSource> {
    let rules = this.nested.get(dir);
    if (!rules) {
      const shown = dir ? `${dir}/.gitignore` : '.gitignore';
      rules = readIgnoreFile(this.fs, path.join(this.root, ...(dir ? dir.split('/') : []), '.gitignore'), shown, this.realRoot);
      this.nested.set(dir, rules);
    }
    return rules;
  }
}

function isBroken(source: RulesSource | GitignoreRules): source is Broken {
  return source !== undefined && 'broken' in source;
}

function trimDot(s: string): string {
  return s.replace(/\.$/, '');
}

/** The file's rules; undefined only when it does not exist. Anything else that goes wrong refuses. */
async function readIgnoreFile(fs: FileSystemPort, absPath: string, shown: string, realRoot: string): Promise<RulesSource> {
  const broken = (why: string, fix = `Fix or remove \`${shown}\``): Broken => ({ broken: `the rules file \`${shown}\` could not be used (${why})`, fix });
  let stat;
  try {
    stat = await fs.lstat(absPath);
  } catch (error) {
    return broken(`it could not be inspected: ${codeOf(error)}`);
  }
  if (!stat) return undefined;
  let target = absPath;
  if (stat.type === 'symlink') {
    // A link may point at a shared rules file inside the folder; one leaving the folder is not read.
    try {
      target = await fs.realpath(absPath);
    } catch (error) {
      return broken(`it is a symbolic link whose target cannot be resolved: ${codeOf(error)}`);
    }
    if (!inside(realRoot, target)) return broken('it is a symbolic link to a file outside the workspace folder', `Replace \`${shown}\` with a regular file`);
    // Absent comes back as undefined; any other failure is said, not mistaken for "missing".
    try {
      stat = await fs.lstat(target);
    } catch (error) {
      return broken(`its symbolic link target could not be inspected: ${codeOf(error)}`);
    }
    if (!stat) return broken('its symbolic link target is missing');
  }
  if (stat.type !== 'file') return broken('it is not a regular file', `Replace \`${shown}\` with a regular file`);
  if (stat.size > MAX_RULES_FILE_BYTES) return broken(`it is larger than ${MAX_RULES_FILE_BYTES / 1024} KB`, `Shorten \`${shown}\``);
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(target);
  } catch (error) {
    return broken(`it could not be read: ${codeOf(error)}`);
  }
  const decoded = decodeText(bytes);
  if (decoded.kind !== 'text') return broken('it is not text (it contains NUL bytes)');
  try {
    return GitignoreRules.parse(decoded.text, shown);
  } catch (error) {
    if (error instanceof RulesFileError) return broken(`line ${error.line}: ${trimDot(error.detail)}`, `Fix line ${error.line} of \`${shown}\``);
    throw error;
  }
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
}

/** `candidate` is `root` or below it (both real paths). workspacePath.isInside would be a circular import. */
function inside(root: string, candidate: string): boolean {
  if (candidate === root) return true;
  return candidate.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
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
