// FileSystemPort over node:fs/promises, for the extension host and for tests.
import { promises as fsp, type Dirent, type Stats } from 'node:fs';
import type { EntryType, FileSystemPort } from './toolTypes';

function typeOf(entry: Stats | Dirent): EntryType {
  if (entry.isSymbolicLink()) return 'symlink';
  if (entry.isFile()) return 'file';
  if (entry.isDirectory()) return 'directory';
  return 'other';
}

export function createNodeFileSystem(): FileSystemPort {
  return {
    realpath: (absPath) => fsp.realpath(absPath),
    async lstat(absPath) {
      try {
        const stats = await fsp.lstat(absPath);
        return { type: typeOf(stats), size: stats.size };
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
        throw error;
      }
    },
    readFile: (absPath) => fsp.readFile(absPath),
    async readDirectory(absPath) {
      const entries = await fsp.readdir(absPath, { withFileTypes: true });
      return entries.map((e) => ({ name: e.name, type: typeOf(e) }));
    },
  };
}
