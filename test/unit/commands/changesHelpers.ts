// Shared by the run_command changes tests: a whole-tree picture (bytes and mode of every file, symlink
// targets) to compare before and after a restore, and a spy on which files were read.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** rel path → 'file <mode> <base64>' or 'link <target>'; `.git` folders left out. */
export function treePicture(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (dir: string, rel: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === '.git') continue;
      const abs = path.join(dir, entry.name);
      const r = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isSymbolicLink()) out[r] = `link ${fs.readlinkSync(abs)}`;
      else if (entry.isDirectory()) visit(abs, r);
      else out[r] = `file ${(fs.statSync(abs).mode & 0o777).toString(8)} ${fs.readFileSync(abs).toString('base64')}`;
    }
  };
  visit(root, '');
  return out;
}

/** Records every path read through fs.promises.readFile until `stop()`. */
export function spyOnReads(): { readonly paths: string[]; stop(): void } {
  const paths: string[] = [];
  const original = fs.promises.readFile;
  fs.promises.readFile = ((file: unknown, ...rest: unknown[]) => {
    paths.push(String(file));
    return (original as (...args: unknown[]) => unknown)(file, ...rest);
  }) as typeof fs.promises.readFile;
  return { paths, stop: () => void (fs.promises.readFile = original) };
}

/** Bytes that are not UTF-8 text, to prove restores are byte for byte. */
export function binaryBytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (i * 31 + seed * 17) & 0xff;
  return out;
}
