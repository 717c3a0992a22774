// Loads the plain-JS launch helpers in scripts/lib at run time. They are ESM (.mjs) and this suite is
// transpiled to CommonJS under out/, so they are imported by absolute path from the repo root; the
// type-only imports below are erased by the transpiler.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as BrowserLib from '../../scripts/lib/browser.mjs';
import type * as CodeServerLib from '../../scripts/lib/codeServer.mjs';
import type * as FsLib from '../../scripts/lib/fsutil.mjs';
import type * as ProvisionLib from '../../scripts/lib/provision.mjs';

export type { CodeServer } from '../../scripts/lib/codeServer.mjs';

/** The repo root: the nearest folder above this file whose package.json is the extension's. */
export const REPO_ROOT = findRepoRoot(__dirname);

function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'claude-companion') return dir;
    if (path.dirname(dir) === dir) throw new Error(`cannot find the claude-companion repo above ${start}`);
  }
}

export interface ScriptsLib {
  browser: typeof BrowserLib;
  codeServer: typeof CodeServerLib;
  fs: typeof FsLib;
  provision: typeof ProvisionLib;
}

let loaded: Promise<ScriptsLib> | undefined;

export function scriptsLib(): Promise<ScriptsLib> {
  const load = (name: string) => import(path.join(REPO_ROOT, 'scripts', 'lib', `${name}.mjs`));
  loaded ??= Promise.all([load('browser'), load('codeServer'), load('fsutil'), load('provision')]).then(([browser, codeServer, fsLib, provision]) => ({
    browser,
    codeServer,
    fs: fsLib,
    provision,
  }));
  return loaded;
}
