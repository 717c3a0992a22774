// Test-only harness (see README): `companionBench.loadConversation` reads a JSON array of Messages API
// messages from the path given as the argument or in $CLAUDE_COMPANION_BENCH_CONVERSATION, stores it as a
// saved conversation in Claude Companion's history folder and opens the history list, where the test
// chooses it as a user would (the companion has no API outside its own tests). The command has a palette
// title so a browser-driven test can run it; it lives here so the product itself never gains debug commands.
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');

const COMPANION_ID = 'claude-companion.claude-companion';
/** StoredConversation's schema (src/core/history/conversationFile.ts CURRENT_SCHEMA). */
const SCHEMA = 1;

/** The history list shows a stored conversation of `count` messages under this title. */
function benchTitle(count) {
  return `Companion Bench: ${count} messages`;
}

/** The companion's conversation store: its global storage (a sibling of ours), folder `conversations`. */
function companionStore(context) {
  return path.join(path.dirname(context.globalStorageUri.fsPath), COMPANION_ID, 'conversations');
}

async function loadConversation(context, file = process.env.CLAUDE_COMPANION_BENCH_CONVERSATION) {
  if (!file) throw new Error('companionBench.loadConversation: no file (argument or $CLAUDE_COMPANION_BENCH_CONVERSATION)');
  const messages = JSON.parse(fs.readFileSync(file, 'utf8'));
  const companion = vscode.extensions.getExtension(COMPANION_ID);
  if (!companion) throw new Error(`${COMPANION_ID} is not installed`);
  const now = Date.now();
  const id = `${now.toString(36)}-bench-${crypto.randomBytes(4).toString('hex')}`;
  const conversation = { schema: SCHEMA, id, title: benchTitle(messages.length), titleIsCustom: true, createdAt: now, updatedAt: now, revision: 1, messages };
  const dir = companionStore(context);
  fs.mkdirSync(dir, { recursive: true });
  // A new file under a fresh id, written whole before it appears: the store lists it like any other.
  const temp = path.join(dir, `.${id}.json.${process.pid}.bench.tmp`);
  fs.writeFileSync(temp, `${JSON.stringify(conversation)}\n`);
  fs.renameSync(temp, path.join(dir, `${id}.json`));
  await companion.activate();
  await vscode.commands.executeCommand('claudeCompanion.showHistory');
  vscode.window.setStatusBarMessage(`Companion Bench: stored ${messages.length} messages`, 60_000);
  return benchTitle(messages.length);
}

/**
 * With $CLAUDE_COMPANION_BENCH_HOSTLOG set, records the extension host's pauses to that file as JSON lines:
 * garbage collections of 20 ms or more and event-loop stalls (a 20 ms timer firing 40 ms or more late),
 * so the bench can tell a lag that arose in the extension host from one further along.
 */
function watchHostPauses(context, file) {
  const { PerformanceObserver, constants, performance } = require('node:perf_hooks');
  const log = (entry) => fs.appendFileSync(file, `${JSON.stringify(entry)}\n`);
  const gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.duration >= 20) log({ at: Math.round(performance.timeOrigin + e.startTime), kind: e.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR ? 'major GC' : 'GC', ms: Math.round(e.duration) });
    }
  });
  gc.observe({ entryTypes: ['gc'] });
  let last = Date.now();
  const timer = setInterval(() => {
    const now = Date.now();
    if (now - last >= 60) log({ at: last + 20, kind: 'stall', ms: now - last - 20 });
    last = now;
  }, 20);
  context.subscriptions.push({ dispose: () => (gc.disconnect(), clearInterval(timer)) });
}

/**
 * With $CLAUDE_COMPANION_BENCH_HOSTPROFILE set, CPU-profiles the extension host from activation until
 * "Companion Bench: Save Host Profile" writes the profile there (with the wall-clock time it started).
 */
function profileHost(context, file) {
  const inspector = require('node:inspector');
  const session = new inspector.Session();
  session.connect();
  const startedAt = Date.now();
  session.post('Profiler.enable', () => session.post('Profiler.setSamplingInterval', { interval: 500 }, () => session.post('Profiler.start')));
  context.subscriptions.push(
    vscode.commands.registerCommand('companionBench.saveHostProfile', () =>
      new Promise((resolve, reject) =>
        session.post('Profiler.stop', (err, result) => {
          if (err) return reject(err);
          fs.writeFileSync(file, JSON.stringify({ startedAt, profile: result.profile }));
          vscode.window.setStatusBarMessage('Companion Bench: host profile saved', 60_000);
          resolve(true);
        }),
      ),
    ),
  );
}

function activate(context) {
  if (process.env.CLAUDE_COMPANION_BENCH_HOSTLOG) watchHostPauses(context, process.env.CLAUDE_COMPANION_BENCH_HOSTLOG);
  if (process.env.CLAUDE_COMPANION_BENCH_HOSTPROFILE) profileHost(context, process.env.CLAUDE_COMPANION_BENCH_HOSTPROFILE);
  context.subscriptions.push(vscode.commands.registerCommand('companionBench.loadConversation', (file) => loadConversation(context, file)));
}

function deactivate() {}

module.exports = { activate, deactivate };
