#!/usr/bin/env node
// Integration tier: runs out/test/integration (mocha) inside the extension host of a real VS Code
// (code-server, offline) as the extension's own tests, the way @vscode/test-electron does: the workbench
// loads the extension as one under development and the suite as its tests, so it runs in
// ExtensionMode.Test (the only mode in which activate() returns the API the suite drives).
// Usage: node scripts/run-integration.mjs [--build] [--extension <unpacked extension dir>]
//        CLAUDE_COMPANION_TEST_GREP=<pattern> runs only the matching tests.
// Env: CLAUDE_COMPANION_INTEGRATION_TIMEOUT_MS (default 600000), CLAUDE_COMPANION_KEEP_TEMP=1,
//      CLAUDE_COMPANION_HEADED=1 (visible browser; needs a display).
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { provision } from './lib/provision.mjs';
import { REPO, EXTENSION_FILES, ensureBuilt } from './lib/build.mjs';
import { launchCodeServer, copyExtensionFolder, writeUserSettings } from './lib/codeServer.mjs';
import { launchChromium, openWorkbench } from './lib/browser.mjs';
import { tempDir, copyDir, writeJson } from './lib/fsutil.mjs';
import { followResults } from './lib/resultsFile.mjs';
import { createSpecPrinter } from './lib/specReport.mjs';
import { loadTestResults } from './lib/testResults.mjs';
import { runCleanups, installCleanupHandlers } from './lib/proc.mjs';

const TIMEOUT_MS = Number(process.env.CLAUDE_COMPANION_INTEGRATION_TIMEOUT_MS || 600_000);
const ARTIFACTS = path.join(REPO, '.test-artifacts');
const ARTIFACT = path.join(ARTIFACTS, 'integration.json');
const LOGS_ARTIFACT = path.join(ARTIFACTS, 'integration-logs');
const TEST_ENTRY = path.join(REPO, 'out', 'test', 'integration', 'index.js');

async function main() {
  const { values } = parseArgs({ options: { build: { type: 'boolean' }, extension: { type: 'string' } } });
  const t0 = Date.now();
  const since = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
  installCleanupHandlers();
  fs.rmSync(ARTIFACT, { force: true });
  fs.rmSync(LOGS_ARTIFACT, { recursive: true, force: true });

  await ensureBuilt({ tests: true, force: values.build });
  // Loaded while out/ is fresh: a rebuild during the run empties it.
  const { formatCounts, describeSkips } = loadTestResults();
  if (!fs.existsSync(TEST_ENTRY)) throw new Error(`${TEST_ENTRY} is missing; run: node esbuild.js --tests`);
  const extensionSource = path.resolve(values.extension ?? REPO);
  if (!fs.existsSync(path.join(extensionSource, 'dist', 'extension.js'))) throw new Error(`${extensionSource}/dist/extension.js is missing; run: node esbuild.js`);

  const paths = await provision();
  const tmp = tempDir('cc-integration');
  const userDataDir = path.join(tmp, 'user-data');
  const extensionsDir = path.join(tmp, 'extensions');
  const workspace = path.join(tmp, 'workspace');
  const resultsFile = path.join(tmp, 'results.jsonl');
  copyDir(path.join(REPO, 'test', 'fixtures', 'workspace'), workspace);
  // Outside the extensions folder: loaded only as the extension under development.
  const underTest = copyExtensionFolder(extensionSource, path.join(tmp, 'under-test'), { include: EXTENSION_FILES });
  const testEntry = snapshotSuite(path.join(tmp, 'suite'));
  writeUserSettings(userDataDir);
  console.log(`[integration] ${underTest.id} ${underTest.version} from ${extensionSource}`);

  const server = await launchCodeServer({
    paths,
    userDataDir,
    extensionsDir,
    workspace,
    extensionTests: true,
    env: { CLAUDE_COMPANION_TEST_RESULTS: resultsFile },
  });
  console.log(`[integration] code-server up at ${server.url} (${since()})`);
  const browser = await launchChromium();
  // The workbench calls codeAutomationExit(code) when the test run ends, however it ends (a suite that
  // fails to load writes nothing itself): that closes the results file.
  const exited = (code) => fs.appendFileSync(resultsFile, `${JSON.stringify({ event: 'done', ok: code === 0, error: code === 0 ? undefined : `the test run ended with exit code ${code}` })}\n`);
  const page = await openWorkbench(browser, server.testWorkbenchUrl({ extensionDevelopmentPath: underTest.dir, extensionTestsPath: testEntry }), {
    beforeLoad: (p) => p.exposeFunction('codeAutomationExit', exited),
  });
  const pageErrors = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  // Where the workbench reports a test module that failed to load.
  page.on('console', (msg) => msg.type() === 'error' && pageErrors.push(msg.text()));
  console.log(`[integration] workbench loaded (${since()}); waiting for the suite`);

  const printer = createSpecPrinter();
  let serverExited = false;
  server.child.on('exit', () => (serverExited = true));
  let done;
  try {
    done = await followResults(resultsFile, {
      timeoutMs: TIMEOUT_MS,
      onEvent: (e) => printer.event(e),
      isDead: () => serverExited && 'code-server exited before the suite finished',
    });
  } catch (err) {
    diagnostics(server, pageErrors);
    keepLogs(server, resultsFile);
    throw err;
  }
  printer.printFailures();
  const results = printer.counts();
  const { passed, failed } = results;
  if (!done.ok && failed === 0) {
    // The suite itself broke (load error, no tests...), not an individual test.
    console.error(`\n[integration] suite error: ${done.error}`);
    diagnostics(server, pageErrors);
  }
  writeJson(ARTIFACT, results);
  if (!done.ok || failed > 0) keepLogs(server, resultsFile);
  console.log(`\n[integration] finished in ${since()}`);
  console.log(`integration: ${formatCounts(results)}`);
  if (results.skipped.length) console.log(describeSkips(results.skipped).join('\n'));
  return done.ok && failed === 0 && passed > 0;
}

/**
 * Copies the built suite (out/) into `dir` and returns its entry point: a rebuild during the run
 * (`node esbuild.js --tests` empties out/ first) must not pull the suite away under the extension host.
 * node_modules and the test fixtures are linked, as they sit next to out/ in the repo.
 */
function snapshotSuite(dir) {
  for (const sub of ['src', 'test']) fs.cpSync(path.join(REPO, 'out', sub), path.join(dir, 'out', sub), { recursive: true });
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  fs.mkdirSync(path.join(dir, 'test'));
  fs.symlinkSync(path.join(REPO, 'test', 'fixtures'), path.join(dir, 'test', 'fixtures'), 'dir');
  return path.join(dir, path.relative(REPO, TEST_ENTRY));
}

/** Copies the VS Code logs and raw results next to the summary, for CI artifacts. */
function keepLogs(server, resultsFile) {
  fs.mkdirSync(LOGS_ARTIFACT, { recursive: true });
  if (fs.existsSync(resultsFile)) fs.copyFileSync(resultsFile, path.join(LOGS_ARTIFACT, 'results.jsonl'));
  if (fs.existsSync(server.logFile)) fs.copyFileSync(server.logFile, path.join(LOGS_ARTIFACT, 'code-server.log'));
  const logs = path.join(server.userDataDir, 'logs');
  if (fs.existsSync(logs)) fs.cpSync(logs, path.join(LOGS_ARTIFACT, 'vscode-logs'), { recursive: true });
  console.error(`[integration] logs kept in ${path.relative(REPO, LOGS_ARTIFACT)}/`);
}

function diagnostics(server, pageErrors) {
  console.error(`\n--- code-server log (tail):\n${server.logTail(3000)}`);
  console.error(`\n--- extension host logs (tail):\n${server.exthostLogTail(3000) || '(none found)'}`);
  if (pageErrors.length) console.error(`\n--- workbench page errors:\n${pageErrors.slice(-10).join('\n')}`);
}

let ok = false;
try {
  ok = await main();
} catch (err) {
  console.error(`\n[integration] ${process.env.CLAUDE_COMPANION_VERBOSE ? err.stack : err.message}`);
  if (!fs.existsSync(ARTIFACT)) writeJson(ARTIFACT, { passed: 0, failed: 0, skipped: [], error: err.message });
  console.log('integration: 0 passed, 0 failed, 0 skipped');
} finally {
  await runCleanups();
}
process.exit(ok ? 0 : 1);
