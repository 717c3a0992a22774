#!/usr/bin/env node
// `npm start`: the extension in a real VS Code (code-server) in your browser, with a persistent profile
// so settings and chats survive restarts.
// Usage: npm start -- [folder] [--port N] [--fake] [--no-build]
//   folder      folder to open (default: the directory npm was started from)
//   --port N    port on 127.0.0.1 (default: $PORT or 8080, or the next free one)
//   --fake      answer with the local fake Anthropic API instead of the real one (no key needed): a
//               scripted tour of the features (test/fake-anthropic/tour.ts), its steps printed below
//   --no-build  install the existing dist/claude-companion.vsix without rebuilding
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { provision } from './lib/provision.mjs';
import { startProfilePaths } from './lib/cache.mjs';
import { REPO, ensureBuilt, ensureVsix } from './lib/build.mjs';
import { installExtension, launchCodeServer, writeUserSettings } from './lib/codeServer.mjs';
import { freePort } from './lib/net.mjs';
import { installCleanupHandlers, isShuttingDown, onCleanup, runCleanups } from './lib/proc.mjs';

const DEFAULT_PORT = 8080;
/** Written only when the profile has no settings yet; later edits by the user are kept. */
const FIRST_RUN_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'workbench.startupEditor': 'none',
  // Keep the built-in Chat panel closed so the Claude view is what you see.
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

function options() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { port: { type: 'string' }, fake: { type: 'boolean' }, 'no-build': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log('Usage: npm start -- [folder] [--port N] [--fake] [--no-build]');
    process.exit(0);
  }
  // npm runs scripts from the package root; INIT_CWD is where the user typed `npm start`.
  const base = process.env.INIT_CWD || process.cwd();
  const folder = path.resolve(base, positionals[0] ?? '.');
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) throw new Error(`not a folder: ${folder}`);
  const explicitPort = values.port ?? process.env.PORT;
  if (explicitPort !== undefined && !/^\d+$/.test(explicitPort)) throw new Error(`invalid port: ${explicitPort}`);
  return { folder, port: explicitPort ? Number(explicitPort) : undefined, fake: !!values.fake, build: !values['no-build'] };
}

async function choosePort(explicit) {
  if (explicit === undefined) return freePort(DEFAULT_PORT);
  if ((await freePort(explicit)) !== explicit) throw new Error(`port ${explicit} on 127.0.0.1 is in use; pick another with --port`);
  return explicit;
}

/**
 * Starts the fake API from the transpiled test tree, answering with the demo tour, and returns the
 * environment pointing at it and the tour's steps.
 */
async function startFake() {
  const dir = path.join(REPO, 'out', 'test', 'fake-anthropic');
  // A test tree built before the tour existed has index.js but not tour.js.
  if (!fs.existsSync(path.join(dir, 'tour.js'))) await ensureBuilt({ tests: true, force: true });
  const { startFakeAnthropic, tourScenario, TOUR_STEPS } = await import(path.join(dir, 'index.js'));
  const fake = await startFakeAnthropic();
  fake.setDefault(tourScenario());
  onCleanup(() => fake.close());
  console.log(`[start] fake Anthropic API at ${fake.url} (a scripted tour, not a model)`);
  return { env: { ANTHROPIC_BASE_URL: fake.url, ANTHROPIC_API_KEY: 'fake-key' }, steps: TOUR_STEPS };
}

/** The tour's steps as the console shows them. */
function tourText(steps) {
  return `\n  Demo tour (the fake API answers with a script), in the Claude view of the activity bar:\n${steps.map((s, i) => `    ${i + 1}. ${s}`).join('\n')}\n`;
}

async function main() {
  const opts = options();
  installCleanupHandlers({ exitCode: 0 }); // Ctrl+C is how you stop it: not an error
  const t0 = Date.now();

  const fake = opts.fake ? await startFake() : undefined;
  const fakeEnv = fake?.env ?? {};
  // `npm run package` = production build + vsce; it runs after any --tests build, which wipes dist/.
  const vsix = path.join(REPO, 'dist', 'claude-companion.vsix');
  if (opts.build) await ensureVsix({ force: true });
  else if (!fs.existsSync(vsix)) throw new Error(`${vsix} is missing; drop --no-build`);

  const paths = await provision();
  const profile = startProfilePaths();
  if (!fs.existsSync(path.join(profile.userDataDir, 'User', 'settings.json'))) writeUserSettings(profile.userDataDir, FIRST_RUN_SETTINGS);
  console.log('[start] installing the extension into the start profile');
  await installExtension(vsix, { extensionsDir: profile.extensionsDir, userDataDir: profile.userDataDir, paths });

  const port = await choosePort(opts.port);
  const logFile = path.join(profile.dir, 'code-server.log');
  fs.rmSync(logFile, { force: true });
  const server = await launchCodeServer({
    paths,
    port,
    userDataDir: profile.userDataDir,
    extensionsDir: profile.extensionsDir,
    workspace: opts.folder,
    env: fakeEnv,
    logFile,
  });

  const hasKey = !!(fakeEnv.ANTHROPIC_API_KEY || process.env.ANTHROPIC_API_KEY);
  console.log(`
  Claude Companion is running in VS Code (code-server ${path.basename(paths.dir).replace('code-server-', '')}), ready in ${((Date.now() - t0) / 1000).toFixed(1)}s

    Open:     ${server.workbenchUrl(opts.folder)}
    Folder:   ${opts.folder}
    Profile:  ${profile.dir}
    Log:      ${logFile}
${fake ? tourText(fake.steps) : ''}${hasKey ? '' : '\n    No ANTHROPIC_API_KEY in the environment: the chat panel will offer to set a key\n    (or restart with ANTHROPIC_API_KEY=... npm start, or npm start -- --fake to try it offline).\n'}
  Press Ctrl+C to stop.
`);

  const code = await new Promise((resolve) => server.child.once('exit', (c, sig) => resolve(sig ?? c)));
  if (isShuttingDown()) return new Promise(() => {}); // the signal handler finishes and exits
  console.error(`[start] code-server exited (${code}); last log lines:\n${server.logTail(2000)}`);
  return false;
}

let ok = false;
try {
  ok = await main();
} catch (err) {
  console.error(`[start] ${err.message}`);
} finally {
  await runCleanups();
}
process.exit(ok ? 0 : 1);
