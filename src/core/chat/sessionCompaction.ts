// The chat session's side of context management: runs the Compactor before each request (automatic
// compaction) or when the user asks (manual), and tells the panel: a "compacting" status while a
// summary is written, the "Earlier conversation summarized" block when one is made, and the cost of
// the summary request in the conversation's totals.
import type { CompactResult, HostToWebview } from '../../shared/protocol';
import type { ApiToolParam } from '../claude/apiTypes';
import type { ApiMessage } from '../claude/turnStreamer';
import type { Compactor, Prepared } from '../context/compactor';
import { estimateTokens } from '../context/tokenEstimate';
import { usageSnapshot } from '../usage/usageSnapshot';
import { addUsage } from '../usage/usageTotals';
import type { Transcript } from './transcript';

export interface SessionCompactionDeps {
  readonly compactor: Compactor;
  readonly currentModel: () => string;
  readonly contextWindow: (model: string) => number;
  readonly onTotalsChanged?: (transcript: Transcript) => void;
}

/**
 * The run a compaction belongs to (an answer's, or its own): its conversation and Stop, and the panel,
 * which it no longer reaches once New Chat or a load replaced the conversation (see ActiveRun).
 */
export interface CompactionRun {
  readonly transcript: Transcript;
  readonly signal: AbortSignal;
  readonly current: boolean;
  send(message: HostToWebview): void;
}

export class SessionCompaction {
  constructor(private readonly deps: SessionCompactionDeps) {}

  /** What the run's next request sends. Rejects only with a TurnFailure (a Stop). */
  async prepare(run: CompactionRun, messages: readonly ApiMessage[], tools: readonly ApiToolParam[] | undefined): Promise<readonly ApiMessage[]> {
    const prepared = await this.run(run, messages, tools, false);
    return prepared.messages;
  }

  /** Compacts now, whatever the threshold says; the panel hears what happened. */
  async compactNow(run: CompactionRun): Promise<Prepared> {
    const transcript = run.transcript;
    const prepared = await this.run(run, transcript.apiMessages(), undefined, true);
    if (!run.current) return prepared;
    if (prepared.outcome === 'summarized' || prepared.outcome === 'trimmed') {
      const model = this.deps.currentModel();
      transcript.context = { usedTokens: estimateTokens({ messages: prepared.messages }), windowTokens: this.deps.contextWindow(model), estimated: true };
      run.send({ type: 'context', context: transcript.context });
    }
    const result = resultOf(prepared);
    run.send({ type: 'compacting', active: false, result, ...(result === 'failed' && prepared.detail ? { detail: prepared.detail } : {}) });
    return prepared;
  }

  private run(run: CompactionRun, messages: readonly ApiMessage[], tools: readonly ApiToolParam[] | undefined, force: boolean): Promise<Prepared> {
    const transcript = run.transcript;
    return this.deps.compactor.prepare({
      state: transcript,
      messages,
      ...(tools && tools.length ? { tools } : {}),
      model: this.deps.currentModel(),
      signal: run.signal,
      force,
      onCompacting: (active) => {
        // A manual compaction reports its start (ChatSession.compact) and its end, with the result, itself.
        if (!force) run.send({ type: 'compacting', active });
      },
      onCompacted: () => {
        const snapshot = transcript.compactionSnapshots().at(-1);
        if (snapshot) run.send({ type: 'compacted', compaction: snapshot });
      },
      onSummaryUsage: (model, usage) => {
        transcript.totals = addUsage(transcript.totals, model, usage);
        if (!run.current) return;
        run.send({ type: 'totals', totals: usageSnapshot(transcript.totals) });
        this.deps.onTotalsChanged?.(transcript);
      },
    });
  }
}

function resultOf(prepared: Prepared): CompactResult {
  switch (prepared.outcome) {
    case 'summarized':
    case 'trimmed':
    case 'failed':
      return prepared.outcome;
    default:
      return 'nothing';
  }
}
