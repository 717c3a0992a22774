// Commands started with `background: true` (a dev server, a watcher): they keep running while the agent
// loop goes on; the model reads what they printed since its last look and stops them. Everything still
// running is ended when the window closes, and only a few may run at once so a looping model cannot
// fill the machine with servers.
import { BoundedOutput, type OutputLimits } from './commandOutput';
import { startCommand, type CommandStatus, type RunningCommand, type RunOptions } from './childProcessRunner';

export const DEFAULT_MAX_BACKGROUND = 5;
/** How long start waits for first output (a server's "listening on …") before returning. */
export const DEFAULT_INITIAL_WINDOW_MS = 1500;

/** Too many background commands are running; the model must stop one first. */
export class BackgroundLimitError extends Error {
  constructor(readonly limit: number) {
    super(`At most ${limit} background commands can run at once. Stop one with its id first.`);
    this.name = 'BackgroundLimitError';
  }
}

/** No background command has this id (never started, or stopped and forgotten). */
export class UnknownBackgroundError extends Error {
  constructor(readonly id: string) {
    super(`No background command has the id ${id}.`);
    this.name = 'UnknownBackgroundError';
  }
}

export interface BackgroundRead {
  id: string;
  /** Output since the last read (head + tail when there was much). */
  output: string;
  running: boolean;
  /** Set once the command ended. */
  status?: CommandStatus;
}

interface Entry {
  id: string;
  command: string;
  process: RunningCommand;
  unread: BoundedOutput;
  status?: CommandStatus;
  /** Resolves when new output arrives or the command ends (one-shot, replaced after each). */
  wake: () => void;
}

export interface BackgroundOptions {
  maxLive?: number;
  initialWindowMs?: number;
  limits?: Partial<OutputLimits>;
}

type StartOptions = Omit<RunOptions, 'timeoutSeconds' | 'onOutput' | 'killLeftovers' | 'limits'>;

export class BackgroundProcesses {
  private readonly entries = new Map<string, Entry>();
  private nextId = 1;
  private readonly maxLive: number;
  private readonly initialWindowMs: number;
  private readonly limits: Partial<OutputLimits> | undefined;

  constructor(options: BackgroundOptions = {}) {
    this.maxLive = options.maxLive ?? DEFAULT_MAX_BACKGROUND;
    this.initialWindowMs = options.initialWindowMs ?? DEFAULT_INITIAL_WINDOW_MS;
    this.limits = options.limits;
  }

  get liveCount(): number {
    let n = 0;
    for (const entry of this.entries.values()) if (entry.process.running) n++;
    return n;
  }

  /**
   * Starts a command in the background. Returns after its first output, its end, or the initial window,
   * whichever comes first, with what it printed so far. Throws BackgroundLimitError when full.
   */
  async start(options: StartOptions): Promise<BackgroundRead> {
    if (this.liveCount >= this.maxLive) throw new BackgroundLimitError(this.maxLive);
    const id = `bg-${this.nextId++}`;
    let wake: () => void = () => undefined;
    const woken = new Promise<void>((resolve) => (wake = resolve));
    const entry: Entry = {
      id,
      command: options.command,
      unread: new BoundedOutput(this.limits),
      wake: () => wake(),
      process: startCommand({
        ...options,
        timeoutSeconds: null,
        killLeftovers: false,
        limits: this.limits,
        onOutput: (text) => {
          entry.unread.push(text);
          entry.wake();
        },
      }),
    };
    this.entries.set(id, entry);
    void entry.process.done.then(
      (result) => {
        entry.status = result.status;
        entry.wake();
      },
      () => entry.wake(),
    );
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([woken, new Promise<void>((resolve) => (timer = setTimeout(resolve, this.initialWindowMs)))]);
    clearTimeout(timer);
    return this.read(id);
  }

  /** Output new since the last read, and whether the command still runs. */
  read(id: string): BackgroundRead {
    const entry = this.entry(id);
    const unread = entry.unread;
    entry.unread = new BoundedOutput(this.limits);
    // A finished command's last unterminated line is complete now.
    if (!entry.process.running) unread.end();
    return { id, output: unread.text(), running: entry.process.running, status: entry.status };
  }

  /** Ends the command's whole process tree and returns its final read. */
  async stop(id: string): Promise<BackgroundRead> {
    const entry = this.entry(id);
    entry.process.stop();
    await entry.process.done.catch(() => undefined);
    const last = this.read(id);
    this.entries.delete(id);
    return last;
  }

  /** Ids and commands of everything started and not stopped. */
  list(): Array<{ id: string; command: string; running: boolean }> {
    return [...this.entries.values()].map((e) => ({ id: e.id, command: e.command, running: e.process.running }));
  }

  /** Ends every background command (the window is closing). */
  async dispose(): Promise<void> {
    const all = [...this.entries.values()];
    for (const entry of all) entry.process.stop();
    await Promise.all(all.map((entry) => entry.process.done.catch(() => undefined)));
    this.entries.clear();
  }

  private entry(id: string): Entry {
    const entry = this.entries.get(id);
    if (!entry) throw new UnknownBackgroundError(id);
    return entry;
  }
}
