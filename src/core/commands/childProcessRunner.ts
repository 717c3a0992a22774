// Runs a command as a child process of the user's login shell: the fallback when the editor's terminal
// has no shell integration, and the engine of background commands. The shell leads its own process
// group, so Stop, the timeout and the end of the command reach every process it started, not just the
// shell. Stdin is /dev/null: a prompt reads EOF at once instead of waiting on a keyboard nobody has.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { BoundedOutput, type OutputLimits } from './commandOutput';
import { commandEnv } from './commandEnv';

export const DEFAULT_TIMEOUT_SECONDS = 120;
export const MAX_TIMEOUT_SECONDS = 600;
/** Between SIGTERM and SIGKILL: time for a test runner or server to clean up. */
export const DEFAULT_KILL_GRACE_MS = 2000;

/** How a command ended: its exit code, or the signal that ended it and why we sent one. */
export type CommandStatus =
  | { exitCode: number }
  | { signal: NodeJS.Signals; timedOut: boolean; stopped: boolean };

export interface CommandResult {
  status: CommandStatus;
  /** Head + tail of stdout and stderr, interleaved as they arrived. */
  output: string;
  totalBytes: number;
  omittedLines: number;
  pid: number;
}

export interface ShellSpec {
  path: string;
  args: string[];
}

export interface RunOptions {
  command: string;
  cwd: string;
  /** Default 120, capped at 600; `null` runs until stopped (background commands). */
  timeoutSeconds?: number | null;
  signal?: AbortSignal;
  /** The user's API key: any variable holding it is removed from the command's environment. */
  apiKey?: string;
  /** Environment to start from; the extension host's by default. */
  baseEnv?: NodeJS.ProcessEnv;
  /** The shell; the user's login shell by default. */
  shell?: ShellSpec;
  /** Every decoded chunk, as it arrives (the live tail). */
  onOutput?: (text: string) => void;
  limits?: Partial<OutputLimits>;
  killGraceMs?: number;
  /**
   * When the shell exits, end what it left running (`sleep 1000 &`), which would otherwise hold the
   * output open and outlive the command. Off for background commands, whose server may be such a child.
   */
  killLeftovers?: boolean;
}

/** Running commands is not supported on this platform (Windows, for now). */
export class CommandPlatformError extends Error {
  constructor(readonly platform: string) {
    super(`Running commands is not supported on ${platform} yet.`);
    this.name = 'CommandPlatformError';
  }
}

/** The user's login shell: `$SHELL -lc`, or `/bin/sh -c` when SHELL is unset or missing. */
export function loginShell(env: NodeJS.ProcessEnv = process.env): ShellSpec {
  const shell = env.SHELL;
  if (shell && shell.startsWith('/') && existsSync(shell)) return { path: shell, args: ['-lc'] };
  return { path: '/bin/sh', args: ['-c'] };
}

/** The timeout to use: default 120 s, at least 1 s, at most 600 s. */
export function clampTimeout(seconds: number | undefined): number {
  if (seconds === undefined || !Number.isFinite(seconds)) return DEFAULT_TIMEOUT_SECONDS;
  return Math.min(MAX_TIMEOUT_SECONDS, Math.max(1, Math.round(seconds)));
}

/** Sends `signal` to every process in the group; false when none is left. */
export function signalGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

export interface RunningCommand {
  readonly pid: number;
  readonly output: BoundedOutput;
  /** Settles when the shell has exited and the output is closed. */
  readonly done: Promise<CommandResult>;
  /** Ends the whole tree: SIGTERM, then SIGKILL after the grace period. */
  stop(): void;
  /** True until the output closed. */
  readonly running: boolean;
}

/** Starts a command; the result comes through `done`. Throws CommandPlatformError on Windows. */
export function startCommand(options: RunOptions): RunningCommand {
  if (process.platform === 'win32') throw new CommandPlatformError(process.platform);
  const shell = options.shell ?? loginShell(options.baseEnv ?? process.env);
  const child = spawn(shell.path, [...shell.args, options.command], {
    cwd: options.cwd,
    env: commandEnv(options.baseEnv ?? process.env, options.apiKey),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const output = new BoundedOutput(options.limits);
  const graceMs = options.killGraceMs ?? DEFAULT_KILL_GRACE_MS;
  const killLeftovers = options.killLeftovers ?? true;
  let kill: { signal: NodeJS.Signals; timedOut: boolean; stopped: boolean } | undefined;
  let killTimer: ReturnType<typeof setTimeout> | undefined;
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  let running = true;
  let killRequested = false;
  let sigkillSent = false;
  // A process that left the group (setsid, a daemon) is out of reach of our signals but may hold the
  // output open: once the shell is gone and SIGKILL was sent, stop waiting for it.
  const forceClose = () => {
    child.stdout.destroy();
    child.stderr.destroy();
  };

  const killTree = (reason: 'timeout' | 'stop' | 'leftovers') => {
    const pid = child.pid;
    if (pid === undefined || killTimer !== undefined) return;
    killRequested = true;
    if (reason !== 'leftovers' && exit === undefined) kill = { signal: 'SIGTERM', timedOut: reason === 'timeout', stopped: reason === 'stop' };
    signalGroup(pid, 'SIGTERM');
    killTimer = setTimeout(() => {
      if (signalGroup(pid, 'SIGKILL') && kill) kill.signal = 'SIGKILL';
      sigkillSent = true;
      if (exit) forceClose();
    }, graceMs);
  };

  const timeoutSeconds = options.timeoutSeconds === null ? undefined : clampTimeout(options.timeoutSeconds);
  const timeout = timeoutSeconds === undefined ? undefined : setTimeout(() => killTree('timeout'), timeoutSeconds * 1000);
  const onAbort = () => killTree('stop');
  if (options.signal?.aborted) queueMicrotask(onAbort);
  else options.signal?.addEventListener('abort', onAbort, { once: true });

  const decoders = [new StringDecoder('utf8'), new StringDecoder('utf8')];
  const onChunk = (decoder: StringDecoder) => (chunk: Buffer) => {
    const text = decoder.write(chunk);
    if (text === '') return;
    output.push(text);
    options.onOutput?.(text);
  };
  child.stdout.on('data', onChunk(decoders[0]));
  child.stderr.on('data', onChunk(decoders[1]));

  child.on('exit', (code, signal) => {
    exit = { code, signal };
    if (sigkillSent) forceClose();
    // The shell is gone; what it left in its group would keep the pipes (and this command) open.
    if (killLeftovers) killTree('leftovers');
  });

  const done = new Promise<CommandResult>((resolve, reject) => {
    child.on('error', (error) => {
      cleanup();
      reject(error);
    });
    child.on('close', (code, signal) => {
      for (const decoder of decoders) {
        const rest = decoder.end();
        if (rest !== '') {
          output.push(rest);
          options.onOutput?.(rest);
        }
      }
      output.end();
      cleanup();
      const finalCode = exit?.code ?? code;
      const finalSignal = exit?.signal ?? signal;
      let status: CommandStatus;
      if (kill) status = kill;
      else if (finalSignal) status = { signal: finalSignal, timedOut: false, stopped: false };
      else status = { exitCode: finalCode ?? 0 };
      resolve({
        status,
        output: output.text(),
        totalBytes: output.totalBytes,
        omittedLines: output.omittedLines,
        pid: child.pid ?? -1,
      });
    });
  });

  function cleanup(): void {
    running = false;
    if (timeout !== undefined) clearTimeout(timeout);
    if (killTimer !== undefined) clearTimeout(killTimer);
    // Nothing of the group may outlive the command, even one that ignored SIGTERM.
    if (child.pid !== undefined && (killLeftovers || killRequested)) signalGroup(child.pid, 'SIGKILL');
    options.signal?.removeEventListener('abort', onAbort);
  }

  return {
    pid: child.pid ?? -1,
    output,
    done,
    stop: () => killTree('stop'),
    get running() {
      return running;
    },
  };
}

/** Runs a command to its end (exit, timeout or abort). */
export function runCommand(options: RunOptions): Promise<CommandResult> {
  return startCommand(options).done;
}
