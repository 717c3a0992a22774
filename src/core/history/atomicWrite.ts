// Crash-safe file replacement: write a temp file in the same directory, fsync it, rename it over the
// target (atomic on POSIX and NTFS), then fsync the directory so the rename itself is durable. A reader
// (or a window killed at any instant) sees the old file or the new one, never a mix or a truncation.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** Temp files are `.<target name>.<pid>.<random>.tmp`, so a store can tell them apart and clean up leftovers. */
export const TEMP_SUFFIX = '.tmp';

export function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
}

export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  const temp = tempPathFor(target);
  const handle = await fs.open(temp, 'wx', 0o600);
  try {
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await renameWithRetry(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(path.dirname(target));
}

/** fsync on a directory makes a rename in it durable; Windows cannot open directories, and needs none. */
export async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch (error) {
    if (!isCode(error, 'EISDIR', 'EPERM', 'EACCES', 'EINVAL', 'ENOTSUP')) throw error;
  } finally {
    await handle?.close();
  }
}

/** Windows refuses a rename while another process (a virus scanner, another window) has the target open; it passes quickly. */
export async function renameWithRetry(from: string, to: string, attempts = process.platform === 'win32' ? 10 : 1): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      await fs.rename(from, to);
      return;
    } catch (error) {
      if (i >= attempts || !isCode(error, 'EPERM', 'EACCES', 'EBUSY')) throw error;
      await new Promise((r) => setTimeout(r, 10 * i));
    }
  }
}

export function isCode(error: unknown, ...codes: string[]): boolean {
  return typeof error === 'object' && error !== null && codes.includes(String((error as { code?: unknown }).code));
}
