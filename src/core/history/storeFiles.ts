// File names and small file helpers shared by the conversation store and its index.
import { promises as fs } from 'node:fs';
import { isCode } from './atomicWrite';

export const INDEX = 'index.json';
export const LOCK = 'store.lock';
export const TRASH = 'trash';

const FILE = /^([a-z0-9][a-z0-9-]{0,63})\.json$/;

/** The conversation id a file in the store folder holds, or undefined for any other file. */
export function conversationIdOf(name: string): string | undefined {
  return name === INDEX ? undefined : FILE.exec(name)?.[1];
}

/** The file's text, or undefined when it does not exist. */
export async function readText(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if (isCode(error, 'ENOENT')) return undefined;
    throw error;
  }
}

/** Moves `from` to `to`, failing with EEXIST rather than replacing a file there (link, then unlink). */
export async function moveWithoutReplacing(from: string, to: string): Promise<void> {
  try {
    await fs.link(from, to);
  } catch (error) {
    if (!isCode(error, 'EPERM', 'ENOTSUP', 'ENOSYS')) throw error;
    // No hard links here; callers hold the store lock, so check-then-rename is safe among windows.
    if ((await readText(to)) !== undefined) throw Object.assign(new Error(`${to} exists`), { code: 'EEXIST' });
    await fs.rename(from, to);
    return;
  }
  await fs.rm(from);
}
