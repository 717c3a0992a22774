// SearchPort over ripgrep (`rg --json`), one child process per root, run in the root so paths stay
// relative. Output is read as a stream and the child is killed as soon as we have enough matches, or
// when the task is stopped.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { MAX_MATCH_TEXT, MAX_SEARCH_FILE_BYTES } from './fallbackSearch';
import type { SearchMatch, SearchPort } from './toolTypes';

/** A single JSON line longer than this (a monster minified line) is skipped, not buffered. */
const MAX_JSON_LINE = 4 * 1024 * 1024;

type SearchQuery = Parameters<SearchPort['search']>[0];

export function ripgrepArgs(query: SearchQuery, perFileMax: number): string[] {
  const args = ['--json', '--no-config', '--hidden', '--no-require-git', '--max-filesize', String(MAX_SEARCH_FILE_BYTES), '--max-count', String(perFileMax), '--glob', '!.git'];
  if (query.include) args.push('--glob', query.include);
  if (!query.isRegex) args.push('--fixed-strings');
  // `-e` so a pattern that starts with `-` is not read as a flag.
  args.push('-e', query.pattern, '--', '.');
  return args;
}

export function createRipgrepSearch(rgPath: string): SearchPort {
  return {
    async search(query, roots, signal) {
      const limit = Math.max(1, query.maxResults);
      const matches: SearchMatch[] = [];
      for (const root of roots) {
        // Ask for one more than we need: getting it tells us the results are truncated.
        const found = await runRipgrep(rgPath, ripgrepArgs(query, limit + 1), root, limit + 1 - matches.length, signal);
        matches.push(...found);
        if (matches.length > limit) return { matches: matches.slice(0, limit), truncated: true };
      }
      return { matches, truncated: false };
    },
  };
}

function runRipgrep(rgPath: string, args: string[], root: string, wanted: number, signal: AbortSignal): Promise<SearchMatch[]> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortError());
    const child = spawn(rgPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    const matches: SearchMatch[] = [];
    let pending = '';
    let skipping = false;
    let stderr = '';
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve(matches);
    };
    const onAbort = () => {
      child.kill();
      finish(abortError());
    };
    signal.addEventListener('abort', onAbort, { once: true });

    const onLine = (line: string) => {
      const match = parseMatch(line, root);
      if (!match) return;
      matches.push(match);
      if (matches.length >= wanted) {
        child.kill();
        finish();
      }
    };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (settled) return;
      let text = pending + chunk;
      pending = '';
      for (let nl = text.indexOf('\n'); nl !== -1 && !settled; nl = text.indexOf('\n')) {
        if (!skipping) onLine(text.slice(0, nl));
        skipping = false;
        text = text.slice(nl + 1);
      }
      if (text.length > MAX_JSON_LINE) skipping = true;
      else if (!skipping) pending = text;
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < 4000) stderr += chunk;
    });
    child.on('error', (error) => finish(new Error(`Could not run ripgrep (${rgPath}): ${error.message}`)));
    child.on('close', (code) => {
      if (pending && !skipping) onLine(pending);
      // 0: matches, 1: none. 2: an error, possibly after partial results (an unreadable file).
      if (code === 2 && matches.length === 0) finish(new Error(`ripgrep failed: ${stderr.trim().split('\n')[0] ?? 'unknown error'}`));
      else finish();
    });
  });
}

interface RgText {
  readonly text?: string;
  readonly bytes?: string;
}

/** A `match` message of `rg --json`, or undefined for any other line. */
export function parseMatch(line: string, root: string): SearchMatch | undefined {
  if (!line.includes('"match"')) return undefined;
  try {
    const msg = JSON.parse(line) as { type: string; data?: { path?: RgText; lines?: RgText; line_number?: number } };
    const file = textOf(msg.data?.path);
    const lineNumber = msg.data?.line_number;
    if (msg.type !== 'match' || file === undefined || typeof lineNumber !== 'number') return undefined;
    const text = (textOf(msg.data?.lines) ?? '').replace(/\r?\n$/, '');
    return { absPath: path.resolve(root, file), line: lineNumber, text: text.slice(0, MAX_MATCH_TEXT) };
  } catch {
    return undefined;
  }
}

function textOf(value: RgText | undefined): string | undefined {
  if (value?.text !== undefined) return value.text;
  if (value?.bytes !== undefined) return Buffer.from(value.bytes, 'base64').toString('utf8');
  return undefined;
}

function abortError(): Error {
  return Object.assign(new Error('The search was stopped.'), { name: 'AbortError' });
}
