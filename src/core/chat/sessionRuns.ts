// The chat session's state, owned here alone: which run is active (if any), and so whether the session
// is idle, answering or compacting. A run starts only when idle; it ends when its work settles, or at
// once when New Chat or a load detaches it (it is aborted, and whatever it still does stays out of
// the panel and out of the state).
import { ActiveRun, CHAT_ANSWER, type Answerer, type RunKind, type RunOwner, type SessionState } from './activeRun';
import type { Transcript } from './transcript';
import type { TurnOutput } from './turnTypes';

export interface SessionRunsDeps {
  readonly out: TurnOutput;
  /** The session's conversation now: a run on any other one is no longer current. */
  readonly transcript: () => Transcript;
  /** Told on every change of state (e.g. to post `streaming` and update the editor's context key). */
  readonly onState: (state: SessionState) => void;
}

export class SessionRuns implements RunOwner {
  private active: { readonly run: ActiveRun; done: Promise<void> } | undefined;
  /** The latest answering run: Retry repeats its answerer while its conversation is the session's. */
  private lastAnswer: ActiveRun | undefined;
  /** Runs whose work has not settled yet, detached ones included (see idle). */
  private readonly settling = new Set<Promise<void>>();

  constructor(private readonly deps: SessionRunsDeps) {}

  get out(): TurnOutput {
    return this.deps.out;
  }

  get state(): SessionState {
    return this.active?.run.kind ?? 'idle';
  }

  isCurrent(run: ActiveRun): boolean {
    return this.active?.run === run && run.transcript === this.deps.transcript();
  }

  /**
   * Starts a run of `work` on `transcript`; undefined (nothing started) unless idle. The state changes
   * before `work` begins, so the panel hears "busy" before the run's first message.
   */
  start(kind: RunKind, transcript: Transcript, answerer: Answerer | undefined, work: (run: ActiveRun) => Promise<void>): Promise<void> | undefined {
    if (this.active) return undefined;
    const run = new ActiveRun(kind, transcript, answerer, this);
    if (kind === 'answering') this.lastAnswer = run;
    // Active before `work` starts: the run's first messages (its turn) are current.
    const active: { readonly run: ActiveRun; done: Promise<void> } = { run, done: Promise.resolve() };
    this.active = active;
    this.deps.onState(kind);
    active.done = work(run).finally(() => {
      this.settling.delete(active.done);
      if (this.active === active) {
        this.active = undefined;
        this.deps.onState('idle');
      }
    });
    this.settling.add(active.done);
    return active.done;
  }

  /** Resolves when the active run (if any) has ended. */
  running(): Promise<void> {
    return this.active?.done ?? Promise.resolve();
  }

  /** Stop: aborts the active run, which ends (and the state with it) once its work has settled. */
  stop(): void {
    this.active?.run.abort();
  }

  /**
   * The conversation is being replaced: the active run is aborted and the session is idle at once, and
   * Retry no longer looks at the old conversation's answer (nor keeps it in memory).
   */
  detach(): void {
    this.lastAnswer = undefined;
    const active = this.active;
    if (!active) return;
    active.run.abort();
    this.active = undefined;
    this.deps.onState('idle');
  }

  /** What Retry runs on `transcript`: what its latest answer ran with (a chat request by default). */
  retryAnswerer(transcript: Transcript): Answerer {
    const last = this.lastAnswer;
    return last?.transcript === transcript && last.answerer ? last.answerer : CHAT_ANSWER;
  }

  /** Resolves once every run has settled, detached ones included. */
  async idle(): Promise<void> {
    while (this.settling.size > 0) await Promise.allSettled([...this.settling]);
  }
}
