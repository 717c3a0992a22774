// A lock shared by every VS Code window (every extension host process) that uses the same store. The lock
// is a file created atomically with its full content (pid, host, nonce, time): written to a temp file and
// hard-linked into place, so no one ever sees an empty lock. Held only for one read-merge-write.
//
// A holder that died (SIGKILL, crash, power loss) leaves its lock behind. It is stale when its process is
// gone (same host) or when it is older than `staleMs` (a holder never keeps it that long; this also covers
// another host sharing the folder, and a recycled pid). Taking over renames the stale file aside first and
// checks that what was renamed is the lock judged stale, so two windows never both break the same lock; a
// fresh lock renamed by mistake is put back. Release does the same with its own lock (see release()), so a
// window that was judged dead and taken over never deletes its successor's lock.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import { isCode, tempPathFor } from './atomicWrite';
import { moveWithoutReplacing, readText } from './storeFiles';

export interface LockOptions {
  /** A lock older than this is stale whatever its pid (default 60 s). */
  readonly staleMs?: number;
  /** Give up waiting after this long (default 10 s). */
  readonly timeoutMs?: number;
}

export class LockTimeoutError extends Error {
  override readonly name = 'LockTimeoutError';
  constructor(
    readonly lockPath: string,
    readonly holder: string,
  ) {
    super(`the conversation store is locked by another window (${holder || 'unknown holder'}); try again`);
  }
}

interface Holder {
  readonly pid?: number;
  readonly host?: string;
  readonly nonce?: string;
}

/** Runs `fn` while holding the lock at `lockPath`. */
export async function withLock<T>(lockPath: string, fn: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const nonce = await acquire(lockPath, options);
  try {
    return await fn();
  } finally {
    await release(lockPath, nonce);
  }
}

async function acquire(lockPath: string, options: LockOptions): Promise<string> {
  const staleMs = options.staleMs ?? 60_000;
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  const nonce = randomBytes(8).toString('hex');
  const content = JSON.stringify({ pid: process.pid, host: os.hostname(), nonce, at: new Date().toISOString() });
  for (let attempt = 0; ; attempt++) {
    if (await tryCreate(lockPath, content)) return nonce;
    const seen = await readLock(lockPath);
    if (seen === undefined) continue; // released meanwhile
    if (isStale(parseHolder(seen.text), seen.mtimeMs, staleMs)) {
      await takeOver(lockPath, seen.text);
      continue;
    }
    if (Date.now() > deadline) throw new LockTimeoutError(lockPath, seen.text);
    // Holders keep the lock for milliseconds: poll fast, with jitter so waiters do not move in step.
    await new Promise((r) => setTimeout(r, Math.min(2 + attempt, 25) * (0.5 + Math.random())));
  }
}

/** Creates the lock with its content in one step (link fails if it exists); false when it exists. */
async function tryCreate(lockPath: string, content: string): Promise<boolean> {
  const temp = tempPathFor(lockPath);
  await fs.writeFile(temp, content, { flag: 'wx' });
  try {
    await fs.link(temp, lockPath);
    return true;
  } catch (error) {
    if (isCode(error, 'EEXIST')) return false;
    // File systems without hard links: exclusive create, then write (a reader may briefly see it empty).
    if (!isCode(error, 'EPERM', 'ENOTSUP', 'ENOSYS', 'EXDEV')) throw error;
    try {
      await fs.writeFile(lockPath, content, { flag: 'wx' });
      return true;
    } catch (inner) {
      if (isCode(inner, 'EEXIST')) return false;
      throw inner;
    }
  } finally {
    await fs.rm(temp, { force: true });
  }
}

async function readLock(lockPath: string): Promise<{ text: string; mtimeMs: number } | undefined> {
  try {
    const [text, stat] = await Promise.all([fs.readFile(lockPath, 'utf8'), fs.stat(lockPath)]);
    return { text, mtimeMs: stat.mtimeMs };
  } catch (error) {
    if (isCode(error, 'ENOENT')) return undefined;
    throw error;
  }
}

function parseHolder(text: string): Holder {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Holder) : {};
  } catch {
    return {};
  }
}

export function isStale(holder: Holder, mtimeMs: number, staleMs: number): boolean {
  if (Date.now() - mtimeMs > staleMs) return true;
  if (holder.host !== os.hostname() || typeof holder.pid !== 'number') return false;
  return !processAlive(holder.pid);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return !isCode(error, 'ESRCH');
  }
}

async function takeOver(lockPath: string, staleText: string): Promise<void> {
  const aside = `${lockPath}.stale-${randomBytes(6).toString('hex')}`;
  try {
    await fs.rename(lockPath, aside);
  } catch (error) {
    if (isCode(error, 'ENOENT')) return; // someone else took it over (or it was released) first
    throw error;
  }
  try {
    const moved = await fs.readFile(aside, 'utf8');
    if (moved === staleText) return;
    // Between reading the stale lock and renaming it, its owner's successor created a fresh one: put
    // it back (this fails if yet another window has taken the place meanwhile; then that one holds it).
    await putBack(aside, lockPath);
  } finally {
    await fs.rm(aside, { force: true });
  }
}

/** Prefix of the private name release() moves the lock to before deleting it (cleaned up if left behind). */
export const RELEASED_SUFFIX = '.released-';

/**
 * Removes the lock only while it is still ours. If we held it past staleMs, another window may have taken
 * it over (moved ours aside, created its own) at any moment, also between our check and our delete; so
 * the lock is first moved to a private name and the moved file is checked: ours is deleted, anyone
 * else's is linked back (link fails rather than replace a lock a third window created meanwhile). What
 * remains: in the instants between that move and the link back the path is free, and a third window
 * that takes the lock right then leaves the successor without its file (it still finishes its own
 * read-merge-write). That needs a takeover and a new contender within microseconds of each other.
 */
async function release(lockPath: string, nonce: string): Promise<void> {
  const ours = (text: string | undefined) => text !== undefined && parseHolder(text).nonce === nonce;
  // Cheap check first: a lock already someone else's is not touched at all.
  if (!ours(await readText(lockPath))) return;
  const aside = `${lockPath}${RELEASED_SUFFIX}${randomBytes(6).toString('hex')}`;
  try {
    await fs.rename(lockPath, aside);
  } catch (error) {
    if (isCode(error, 'ENOENT')) return; // gone meanwhile: nothing of ours to remove
    throw error;
  }
  try {
    if (ours(await readText(aside))) return;
    await putBack(aside, lockPath);
  } finally {
    await fs.rm(aside, { force: true });
  }
}

/** Puts a lock moved aside by mistake back in place, unless another lock has been created there meanwhile. */
async function putBack(aside: string, lockPath: string): Promise<void> {
  await moveWithoutReplacing(aside, lockPath).catch((error: unknown) => {
    if (!isCode(error, 'EEXIST')) throw error;
  });
}
