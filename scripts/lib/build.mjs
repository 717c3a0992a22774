// Builds the extension and the transpiled tests on demand, and knows which files make up the
// installed extension.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from './proc.mjs';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** What goes into an installed copy of the extension (mirrors what the .vsix ships). */
export const EXTENSION_FILES = ['package.json', 'dist', 'media', 'README.md', 'LICENSE', 'CHANGELOG.md'];

export function readPackageJson(dir = REPO) {
  return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
}

export function esbuild(args = []) {
  console.log(`> node esbuild.js ${args.join(' ')}`);
  return run(process.execPath, ['esbuild.js', ...args], { cwd: REPO });
}

/**
 * Runs the build when its outputs are missing (or `force`). `--tests` also builds dist/, so one
 * invocation covers both.
 */
export async function ensureBuilt({ tests = false, force = false } = {}) {
  const needDist = force || !fs.existsSync(path.join(REPO, 'dist', 'extension.js'));
  const needTests = tests && (force || !fs.existsSync(path.join(REPO, 'out', 'test')));
  if (needTests) await esbuild(['--tests']);
  else if (needDist) await esbuild();
}

/** Packages dist/claude-companion.vsix with the repo's own `npm run package`. */
export async function ensureVsix({ force = false } = {}) {
  const vsix = path.join(REPO, 'dist', 'claude-companion.vsix');
  if (force || !fs.existsSync(vsix)) {
    console.log('> npm run package');
    await run('npm', ['run', 'package'], { cwd: REPO });
  }
  return vsix;
}
