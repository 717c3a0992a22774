// Small filesystem helpers: temp dirs that are removed at cleanup, copying, JSON writing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { onCleanup } from './proc.mjs';

/** Creates a temp dir removed by `runCleanups()` (unless CLAUDE_COMPANION_KEEP_TEMP is set, for debugging). */
export function tempDir(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  onCleanup(() => {
    if (process.env.CLAUDE_COMPANION_KEEP_TEMP) console.error(`kept temp dir ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

export function writeJson(file, value) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

export function copyDir(from, to) {
  fs.cpSync(from, to, { recursive: true, dereference: true });
}

/** Last `maxChars` of a text file, or '' when it doesn't exist. */
export function tailFile(file, maxChars = 4000) {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text.length > maxChars ? `...${text.slice(-maxChars)}` : text;
  } catch {
    return '';
  }
}

/** Files under `dir` (recursively) whose path matches `re`. */
export function findFiles(dir, re) {
  const out = [];
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findFiles(p, re));
    else if (re.test(p)) out.push(p);
  }
  return out.sort();
}
