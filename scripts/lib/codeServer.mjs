// Launches code-server (the VS Code workbench served over HTTP, with a real Node extension host) and
// installs extensions into it. Every server binds 127.0.0.1, runs in its own process group and is
// stopped by killing that group.
import fs from 'node:fs';
import path from 'node:path';
import { codeServerPaths } from './cache.mjs';
import { freePort, waitForHttp } from './net.mjs';
import { run, spawnGroup, stopGroup, onCleanup } from './proc.mjs';
import { writeJson, tailFile, findFiles } from './fsutil.mjs';

/** Settings that keep a test window quiet: no welcome page, tips, telemetry or update checks. */
export const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'git.openRepositoryInParentFolders': 'never',
  // Port auto-forwarding is remote-only: code-server's extension host looks for listening ports every few
  // seconds by spawning processes, stalling every extension for 50-250 ms (desktop VS Code does not).
  // code-server registers a tunnel provider, which keeps that scan on with autoForwardPorts off; only the
  // "output" source stops it.
  'remote.autoForwardPorts': false,
  'remote.autoForwardPortsSource': 'output',
};

/** Writes UD/User/settings.json (must happen before launch to affect the first window). */
export function writeUserSettings(userDataDir, settings = QUIET_SETTINGS) {
  writeJson(path.join(userDataDir, 'User', 'settings.json'), settings);
}

/**
 * Environment for code-server. Everything is passed through (so ANTHROPIC_* and test variables reach
 * the extension host as process.env), except variables that would make code-server hand the request
 * to an already running instance when this is started from a code-server or VS Code terminal.
 */
function serverEnv(extraEnv) {
  const env = { ...process.env, ...extraEnv };
  for (const key of Object.keys(env)) {
    if (key === 'VSCODE_IPC_HOOK_CLI' || key === 'VSCODE_PROXY_URI' || key.startsWith('CODE_SERVER_')) delete env[key];
    else if (env[key] === undefined) delete env[key];
  }
  return env;
}

/** Installs a .vsix (or marketplace id) with code-server's CLI into `extensionsDir`. */
export async function installExtension(vsix, { extensionsDir, userDataDir, paths = codeServerPaths(), quiet = true } = {}) {
  const args = [paths.codeServerEntry, '--install-extension', vsix, '--force', '--extensions-dir', extensionsDir];
  if (userDataDir) args.push('--user-data-dir', userDataDir);
  const out = await run(paths.node24, args, { env: serverEnv({}), quiet, prefix: '  install| ' });
  if (!/successfully installed|already installed/i.test(out)) throw new Error(`installing ${vsix} did not report success:\n${out}`);
}

/**
 * Copies an unpacked extension (a folder with package.json) into `extensionsDir` under the
 * `publisher.name-version` folder name VS Code scans for. Returns the extension id.
 */
export function copyExtensionFolder(srcDir, extensionsDir, { include } = {}) {
  const pkg = JSON.parse(fs.readFileSync(path.join(srcDir, 'package.json'), 'utf8'));
  const id = `${pkg.publisher}.${pkg.name}`;
  const dest = path.join(extensionsDir, `${id}-${pkg.version}`.toLowerCase());
  fs.rmSync(dest, { recursive: true, force: true });
  fs.mkdirSync(dest, { recursive: true });
  const entries = include ?? fs.readdirSync(srcDir);
  for (const name of entries) {
    const from = path.join(srcDir, name);
    // Build by-products (the packaged .vsix, bundle metafiles) are not part of an installed extension.
    if (fs.existsSync(from)) fs.cpSync(from, path.join(dest, name), { recursive: true, dereference: true, filter: (f) => !/\.vsix$|[\\/]meta\.json$/.test(f) });
  }
  return { id, dir: dest, version: pkg.version };
}

/**
 * Copies an unpacked extension next to ones installed with `installExtension` and lists it in
 * `extensions.json`: once that file exists, VS Code marks any folder it does not list as removed.
 */
export function addExtensionFolder(srcDir, extensionsDir, opts) {
  const ext = copyExtensionFolder(srcDir, extensionsDir, opts);
  const manifest = path.join(extensionsDir, 'extensions.json');
  const entries = fs.existsSync(manifest) ? JSON.parse(fs.readFileSync(manifest, 'utf8')) : [];
  const relativeLocation = path.basename(ext.dir);
  entries.push({
    identifier: { id: ext.id },
    version: ext.version,
    location: { $mid: 1, fsPath: ext.dir, path: ext.dir, scheme: 'file' },
    relativeLocation,
    metadata: { installedTimestamp: Date.now(), source: 'resource' },
  });
  fs.writeFileSync(manifest, JSON.stringify(entries));
  return ext;
}

/**
 * Starts code-server and resolves once it serves HTTP. Returns
 * `{ url, port, child, logFile, userDataDir, workbenchUrl(folder?), logTail(), exthostLogTail(), stop() }`.
 * The server process is stopped automatically at cleanup (see proc.mjs `runCleanups`).
 */
export async function launchCodeServer({
  userDataDir,
  extensionsDir,
  workspace,
  port = 0,
  env = {},
  logFile = path.join(userDataDir, 'code-server.log'),
  paths = codeServerPaths(),
  workspaceTrust = false,
  extensionTests = false,
  extraArgs = [],
  startTimeoutMs = 90_000,
} = {}) {
  if (!fs.existsSync(paths.codeServerEntry)) throw new Error(`code-server is not provisioned (${paths.codeServerEntry} missing); run: npm run provision`);
  const chosenPort = port || (await freePort());
  fs.mkdirSync(userDataDir, { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  // Own config file: otherwise code-server writes ~/.config/code-server/config.yaml with a password.
  const configFile = path.join(userDataDir, 'code-server-config.yaml');
  fs.writeFileSync(configFile, `bind-addr: 127.0.0.1:${chosenPort}\nauth: none\ncert: false\n`);

  const args = [
    paths.codeServerEntry,
    '--config', configFile,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${chosenPort}`,
    '--disable-telemetry',
    '--disable-update-check',
    ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
    // The built workbench honours the `payload` that names extensions under development and their tests
    // only with the smoke-test driver on; that payload is what runs extensions in ExtensionMode.Test.
    ...(extensionTests ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    ...extraArgs,
  ];
  if (workspace) args.push(workspace);

  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const log = fs.openSync(logFile, 'a');
  const child = spawnGroup(paths.node24, args, { env: serverEnv(env), stdio: ['ignore', log, log] });
  fs.closeSync(log);
  let exited = false;
  child.on('exit', () => (exited = true));

  const url = `http://127.0.0.1:${chosenPort}`;
  const server = {
    url,
    port: chosenPort,
    child,
    logFile,
    userDataDir,
    extensionsDir,
    workspace,
    /** Workbench address; `folder` is an absolute server path to open. */
    workbenchUrl(folder = workspace) {
      return folder ? `${url}/?folder=${encodeURIComponent(folder)}` : `${url}/`;
    },
    /**
     * Workbench address that loads `extensionDevelopmentPath` (an unpacked extension folder) as an extension
     * under development and runs the module `extensionTestsPath` (exporting `run()`) in its extension host,
     * as @vscode/test-electron does: the extension runs in ExtensionMode.Test. Server paths, sent as
     * vscode-remote URIs so the server-side extension host resolves them. Needs `extensionTests: true`.
     */
    testWorkbenchUrl({ extensionDevelopmentPath, extensionTestsPath, folder = workspace }) {
      if (!extensionTests) throw new Error('launchCodeServer({ extensionTests: true }) is needed to run extension tests');
      const remote = (p) => `vscode-remote://127.0.0.1:${chosenPort}${path.resolve(p).split(path.sep).map(encodeURIComponent).join('/')}`;
      const payload = [
        ['extensionDevelopmentPath', remote(extensionDevelopmentPath)],
        ['extensionTestsPath', remote(extensionTestsPath)],
      ];
      const address = new URL(`${url}/`);
      if (folder) address.searchParams.set('folder', folder);
      address.searchParams.set('payload', JSON.stringify(payload));
      return address.href;
    },
    logTail: (n) => tailFile(logFile, n),
    /** Tail of the extension-host logs VS Code writes under UD/logs (where activation errors end up). */
    exthostLogTail(n = 4000) {
      return findFiles(path.join(userDataDir, 'logs'), /[\\/]exthost\d*[\\/](remote)?exthost\.log$/)
        // Drop the long extension-path table VS Code logs when test files (outside any extension) require 'vscode'.
        .map((f) => `--- ${path.relative(userDataDir, f)}\n${tailFile(f, n * 4).replace(/^\tfile:\/\/.* -> .*\n/gm, '').slice(-n)}`)
        .join('\n');
    },
    stop: () => stopGroup(child),
  };
  onCleanup(() => server.stop());
  try {
    await waitForHttp(`${url}/healthz`, { timeoutMs: startTimeoutMs, isDead: () => exited });
  } catch (err) {
    await server.stop();
    throw new Error(`code-server did not start: ${err.message}\n--- code-server log (${logFile}):\n${server.logTail()}`, { cause: err });
  }
  return server;
}
