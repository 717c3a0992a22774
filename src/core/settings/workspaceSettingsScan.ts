// Which user-only settings a workspace settings file (.vscode/settings.json, a .code-workspace file) tries
// to set. The editor drops such values before the extension can inspect them, so this is how the extension
// can still tell the user "this workspace's value is ignored". Reads JSON with comments and trailing
// commas, and never throws: a broken file just yields what could be recognised.
import { USER_SCOPE_SETTINGS, type UserScopeSetting } from './userScope';

const PREFIX = 'claudeCompanion.';
/** A settings file is small; a huge one (a hostile repository's) is read only this far, so it cannot stall the host. */
export const MAX_SCAN_CHARS = 1_000_000;

/** The user-only settings named as property keys in `text` (in order of first appearance). */
export function userScopeKeysIn(text: string): UserScopeSetting[] {
  const found: UserScopeSetting[] = [];
  for (const name of propertyNames(text.length > MAX_SCAN_CHARS ? text.slice(0, MAX_SCAN_CHARS) : text)) {
    const key = name.startsWith(PREFIX) ? name.slice(PREFIX.length) : undefined;
    const setting = USER_SCOPE_SETTINGS.find((s) => s === key);
    if (setting && !found.includes(setting)) found.push(setting);
  }
  return found;
}

/** Every string that is followed by `:` (comments and whitespace between allowed). */
function propertyNames(text: string): string[] {
  const names: string[] = [];
  let i = 0;
  while (i < text.length) {
    const skipped = skipComment(text, i);
    if (skipped !== i) {
      i = skipped;
      continue;
    }
    if (text[i] !== '"') {
      i++;
      continue;
    }
    const [value, end] = readString(text, i);
    i = end;
    if (text[skipSpace(text, i)] === ':') names.push(value);
  }
  return names;
}

/** Reads the string starting at the quote at `start`; returns its value and the index after it. */
function readString(text: string, start: number): [string, number] {
  let value = '';
  let i = start + 1;
  while (i < text.length && text[i] !== '"' && text[i] !== '\n') {
    if (text[i] !== '\\' || i + 1 >= text.length) value += text[i++];
    else if (text[i + 1] === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
      // A key spelled with \u escapes is the same key to the editor.
      value += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
      i += 6;
    } else {
      value += text[i + 1];
      i += 2;
    }
  }
  return [value, i + 1];
}

function skipComment(text: string, i: number): number {
  if (text.startsWith('//', i)) {
    const end = text.indexOf('\n', i);
    return end === -1 ? text.length : end + 1;
  }
  if (text.startsWith('/*', i)) {
    const end = text.indexOf('*/', i + 2);
    return end === -1 ? text.length : end + 2;
  }
  return i;
}

function skipSpace(text: string, start: number): number {
  let i = start;
  for (;;) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    const next = skipComment(text, i);
    if (next === i) return i;
    i = next;
  }
}
