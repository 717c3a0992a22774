#!/usr/bin/env node
// The integration suite through @vscode/test-electron (desktop VS Code, downloaded from Microsoft's
// update service). Needs internet the first time; offline machines use run-integration.mjs.
// Usage: node scripts/run-electron.mjs [--build] [--version stable|insiders|1.x.y] [--vscode <executable>]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { REPO, ensureBuilt } from './lib/build.mjs';
import { copyDir, tempDir, writeJson } from './lib/fsutil.mjs';
import { installCleanupHandlers, runCleanups } from './lib/proc.mjs';
import { loadTestResults } from './lib/testResults.mjs';

const ARTIFACT = path.join(REPO, '.test-artifacts', 'electron.json');
const DOWNLOAD_IDLE_TIMEOUT_MS = 15_000;

async function vscodeExecutable({ version, vscode }) {
  if (vscode) return vscode;
  try {
    return await downloadAndUnzipVSCode({ version, timeout: DOWNLOAD_IDLE_TIMEOUT_MS, cachePath: path.join(REPO, '.vscode-test') });
  } catch (err) {
    throw new Error(
      `could not download VS Code (${version}) from update.code.visualstudio.com: ${err.message}\n` +
        '@vscode/test-electron needs internet access to fetch VS Code. Offline, run the same suite in ' +
        'code-server instead: npm run test:integration. Or pass --vscode <path to an installed code executable>.',
      { cause: err },
    );
  }
}

/** The suite's results (test/integration/index.ts's events) in the shape every tier reports. */
function countResults(file) {
  const counts = { passed: 0, failed: 0, skipped: [] };
  if (!fs.existsSync(file)) return counts;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const e = JSON.parse(line);
    if (e.event === 'pass') counts.passed++;
    if (e.event === 'fail') counts.failed++;
    if (e.event === 'pending') counts.skipped.push(e.reason ? { fullTitle: e.fullTitle, reason: e.reason } : { fullTitle: e.fullTitle });
  }
  return counts;
}

async function main() {
  const { values } = parseArgs({
    options: { build: { type: 'boolean' }, version: { type: 'string', default: process.env.VSCODE_TEST_VERSION || 'stable' }, vscode: { type: 'string' } },
  });
  installCleanupHandlers();
  fs.rmSync(ARTIFACT, { force: true });
  await ensureBuilt({ tests: true, force: values.build });
  const { formatCounts, describeSkips } = loadTestResults();
  const executable = await vscodeExecutable(values);
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.warn('[electron] no DISPLAY: desktop VS Code needs one; on a headless Linux box run this under `xvfb-run -a`.');
  }

  const tmp = tempDir('cc-electron');
  const workspace = path.join(tmp, 'workspace');
  const resultsFile = path.join(tmp, 'results.jsonl');
  copyDir(path.join(REPO, 'test', 'fixtures', 'workspace'), workspace);
  let exitError;
  try {
    await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: REPO,
      extensionTestsPath: path.join(REPO, 'out', 'test', 'integration', 'index.js'),
      extensionTestsEnv: { CLAUDE_COMPANION_TEST_RESULTS: resultsFile },
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--disable-telemetry',
        '--skip-welcome',
        '--skip-release-notes',
        '--user-data-dir',
        path.join(tmp, 'user-data'),
        ...(os.userInfo().uid === 0 ? ['--no-sandbox'] : []),
      ],
    });
  } catch (err) {
    exitError = err;
  }
  const results = countResults(resultsFile);
  const { passed, failed } = results;
  writeJson(ARTIFACT, results);
  if (exitError && failed === 0) console.error(`[electron] VS Code test run failed: ${exitError.message}`);
  console.log(`electron: ${formatCounts(results)}`);
  if (results.skipped.length) console.log(describeSkips(results.skipped).join('\n'));
  return !exitError && failed === 0 && passed > 0;
}

let ok = false;
try {
  ok = await main();
} catch (err) {
  console.error(`\n[electron] ${err.message}`);
  if (!fs.existsSync(ARTIFACT)) writeJson(ARTIFACT, { passed: 0, failed: 0, skipped: [], error: err.message });
  console.log('electron: 0 passed, 0 failed, 0 skipped');
} finally {
  await runCleanups();
}
process.exit(ok ? 0 : 1);
