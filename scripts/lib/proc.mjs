// Child-process helpers: run-to-completion commands, long-lived process groups, and cleanup that also
// happens on Ctrl+C so no code-server or browser outlives the script that started it.
import { spawn } from 'node:child_process';

/**
 * Runs a command to completion, streaming its output (prefixed) unless `quiet`.
 * Rejects with the tail of its output when it exits non-zero. The command runs in its own process
 * group so that Ctrl+C (handled here) also ends what it spawned, e.g. npm's native builds.
 */
export function run(cmd, args, { cwd, env, quiet = false, prefix = '' } = {}) {
  installCleanupHandlers();
  return new Promise((resolve, reject) => {
    const child = spawnGroup(cmd, args, { cwd, env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    const onData = (stream) => (chunk) => {
      const text = chunk.toString();
      tail = (tail + text).slice(-4000);
      if (!quiet) stream.write(prefix ? text.replace(/^(?=.)/gm, prefix) : text);
    };
    child.stdout.on('data', onData(process.stdout));
    child.stderr.on('data', onData(process.stderr));
    child.on('error', (err) => reject(new Error(`could not start ${cmd}: ${err.message}`)));
    child.on('close', (code, signal) => {
      if (code === 0) resolve(tail);
      else reject(new Error(`${cmd} ${args.join(' ')} failed (${signal ?? `exit ${code}`})\n${tail}`));
    });
  });
}

const groups = new Set();

/** Kills a detached child's whole process group (code-server forks its own children). */
export function killGroup(child, signal = 'SIGTERM') {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

/** Starts a long-lived child in its own process group; it is killed when this process exits. */
export function spawnGroup(cmd, args, opts = {}) {
  const child = spawn(cmd, args, { ...opts, detached: true });
  groups.add(child);
  child.on('exit', () => groups.delete(child));
  return child;
}

/** SIGKILLs whatever is left in a child's group, even after the leader itself has exited. */
function killLeftovers(child) {
  if (!child?.pid) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    /* group already empty */
  }
}

/** Stops a group politely, then forcefully after `graceMs`. Resolves once the leader has exited. */
export async function stopGroup(child, graceMs = 5000) {
  if (!child) return;
  if (child.exitCode !== null || child.signalCode !== null) return killLeftovers(child);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  killGroup(child, 'SIGTERM');
  let timer;
  const timedOut = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), graceMs)));
  if ((await Promise.race([exited, timedOut])) === 'timeout') {
    killGroup(child, 'SIGKILL');
    await exited;
  }
  clearTimeout(timer);
  // Stragglers that outlived the leader (e.g. an extension host) die with the group.
  killLeftovers(child);
}

const cleanups = [];
let cleanupHooksInstalled = false;
let shuttingDown = false;
let signalExitCode = 130;

/** True once a signal started the cleanup, so callers can tell a requested stop from a crash. */
export function isShuttingDown() {
  return shuttingDown;
}

/**
 * Registers async cleanup (stop servers, remove temp dirs) that runs once on normal completion via
 * `runCleanups()`, or on SIGINT/SIGTERM before exiting.
 */
export function onCleanup(fn) {
  cleanups.push(fn);
  installCleanupHandlers();
}

/**
 * Makes Ctrl+C / SIGTERM run the registered cleanups, then exit with `exitCode` (130 by default: an
 * interrupted test run is a failed one). Idempotent; the last given exit code wins.
 */
export function installCleanupHandlers({ exitCode } = {}) {
  if (exitCode !== undefined) signalExitCode = exitCode;
  if (cleanupHooksInstalled) return;
  cleanupHooksInstalled = true;
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(sig, () => {
      if (shuttingDown) return;
      shuttingDown = true;
      console.error(`\n${sig}: stopping...`);
      runCleanups().finally(() => process.exit(signalExitCode));
    });
  }
  // Last resort if the script dies without awaiting cleanup: synchronous group kills only.
  process.once('exit', () => {
    for (const child of groups) killLeftovers(child);
  });
}

export async function runCleanups() {
  while (cleanups.length) {
    const fn = cleanups.pop();
    try {
      await fn();
    } catch (err) {
      console.error(`cleanup failed: ${err.message}`);
    }
  }
}
