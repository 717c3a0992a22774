// In a git workspace, the pre-command bytes of files live in git's object store instead of in memory:
// a temporary index (a copy of the user's, so files whose stats it knows are not hashed again) takes the
// files the tools may read, and `git write-tree` names the result. Only objects are written: the user's refs, index
// and stash list are never touched (no stash, no checkout; GIT_INDEX_FILE points elsewhere). A file is
// restored with `git cat-file blob`, written to disk by the caller. No git on PATH, or not a repository:
// the caller falls back to the scan's own copies.
import { execFile } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DigestAlgorithm } from './workspaceSnapshot';

export interface GitBlob {
  readonly oid: string;
  /** Git's mode, e.g. '100644' or '100755'. */
  readonly mode: string;
}

export interface GitSnapshot {
  /** The folder the paths are relative to (where git runs). */
  readonly cwd: string;
  /** The tree holding every file the snapshot took (`git cat-file blob <tree>:<path>` reads one). */
  readonly tree: string;
  readonly algorithm: Extract<DigestAlgorithm, 'git-sha1' | 'git-sha256'>;
  /** Folder-relative path (`/` separators) → its blob before the command. */
  readonly blobs: ReadonlyMap<string, GitBlob>;
}

/** git failed or is not there; the message is git's, for the log. */
export class GitUnavailable extends Error {
  override readonly name = 'GitUnavailable';
}

export interface GitOptions {
  /** The git executable (default: `git` from PATH). */
  readonly git?: string;
  /** Output cap for one blob read; a bigger file is not restored from git. */
  readonly maxBlobBytes?: number;
}

/**
 * Snapshots `relPaths` (regular files, folder-relative, none inside a nested repository) of the
 * repository holding `cwd`. Throws GitUnavailable when git is missing or `cwd` is not in a work tree.
 */
export async function takeGitSnapshot(cwd: string, relPaths: readonly string[], options: GitOptions = {}): Promise<GitSnapshot> {
  const git = options.git ?? 'git';
  const [inside, indexPath, format] = (await run(git, cwd, ['rev-parse', '--is-inside-work-tree', '--git-path', 'index', '--show-object-format'])).toString('utf8').trim().split('\n');
  if (inside !== 'true' || !indexPath) throw new GitUnavailable(`${cwd} is not inside a git work tree`);
  const tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'claude-companion-git-'));
  const tmpIndex = path.join(tmp, 'index');
  try {
    // A copy of the user's index lets git skip hashing files whose stats it already knows; the copy is
    // read, never written back.
    const copied = await fsp.copyFile(path.resolve(cwd, indexPath), tmpIndex).then(() => true, () => false);
    const env = { GIT_INDEX_FILE: tmpIndex };
    const stdin = relPaths.map((p) => p + '\0').join('');
    // update-index, not `git add`: it takes paths, not pathspecs (add matches each of 10,000 pathspecs
    // against every entry: 7 s against 0.2 s here), and it does not consult ignore files.
    // --replace: a path that is a file now and a folder in the user's index (or the reverse) is taken.
    const add = ['update-index', '--add', '--replace', '-z', '--stdin'];
    try {
      if (relPaths.length) await run(git, cwd, add, { env, stdin });
    } catch (error) {
      if (!copied) throw error;
      // The user's index may be in a form a plain copy cannot use (a split index): start from empty.
      await fsp.rm(tmpIndex, { force: true });
      await run(git, cwd, add, { env, stdin });
    }
    const tree = relPaths.length ? (await run(git, cwd, ['write-tree'], { env })).toString('utf8').trim() : '';
    const blobs = new Map<string, GitBlob>();
    if (relPaths.length) {
      const listed = (await run(git, cwd, ['ls-files', '--stage', '-z'], { env })).toString('utf8');
      const wanted = new Set(relPaths);
      for (const line of listed.split('\0')) {
        const m = /^(\d+) ([0-9a-f]+) 0\t(.*)$/s.exec(line);
        if (m && wanted.has(m[3]!)) blobs.set(m[3]!, { mode: m[1]!, oid: m[2]! });
      }
    }
    return { cwd, tree, algorithm: format === 'sha256' ? 'git-sha256' : 'git-sha1', blobs };
  } finally {
    await fsp.rm(tmp, { recursive: true, force: true });
  }
}

/** The bytes `relPath` had when the snapshot was taken. */
export async function readSnapshotBlob(snapshot: GitSnapshot, relPath: string, options: GitOptions = {}): Promise<Uint8Array> {
  const blob = snapshot.blobs.get(relPath);
  if (!blob) throw new GitUnavailable(`${relPath} is not in the snapshot`);
  return run(options.git ?? 'git', snapshot.cwd, ['cat-file', 'blob', blob.oid], { maxBuffer: (options.maxBlobBytes ?? 64 * 1024 * 1024) + 1 });
}

const RELOCATING_VARIABLES = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_COMMON_DIR', 'GIT_OBJECT_DIRECTORY', 'GIT_ALTERNATE_OBJECT_DIRECTORIES', 'GIT_NAMESPACE', 'GIT_CEILING_DIRECTORIES'];

interface RunOptions {
  readonly env?: Record<string, string>;
  readonly stdin?: string;
  readonly maxBuffer?: number;
}

/**
 * Runs git with what keeps it from touching anything but objects: no optional locks (a status-like
 * refresh of the real index), no fsmonitor daemon, literal pathspecs, no pager or prompt.
 */
function run(git: string, cwd: string, args: readonly string[], options: RunOptions = {}): Promise<Buffer> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Inherited, these would point git at another repository or at the user's own index.
  for (const name of RELOCATING_VARIABLES) delete env[name];
  Object.assign(env, { GIT_OPTIONAL_LOCKS: '0', GIT_LITERAL_PATHSPECS: '1', GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', LC_ALL: 'C', ...options.env });
  const fullArgs = ['-c', 'core.fsmonitor=false', '-c', 'core.quotePath=false', ...args];
  return new Promise((resolve, reject) => {
    const child = execFile(git, fullArgs, { cwd, env, encoding: 'buffer', maxBuffer: options.maxBuffer ?? 256 * 1024 * 1024, windowsHide: true }, (error, stdout, stderr) => {
      if (error) reject(new GitUnavailable(`git ${args[0]} failed: ${stderr.toString('utf8').trim() || error.message}`));
      else resolve(stdout);
    });
    // git may exit before reading its input (a failure, or a command that takes none): the exit status
    // decides, not the broken pipe.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(options.stdin ?? '');
  });
}
