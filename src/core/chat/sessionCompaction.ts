// The chat session's side of context management: runs the Compactor before each request (automatic
// compaction) or when the user asks (manual), and tells the panel: a "compacting" status while a
// summary is written, the "Earlier conversation summarized" block when one is made, and the cost of
// the summary request in the conversation's totals.
import type { CompactResult, HostToWebview } from '../../shared/protocol';
import type { ToolDefinition } from '../claude/requestBuilder';
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
  readonly post: (message: HostToWebview) => void;
  /** False once New Chat or a load replaced the transcript: a late result must not reach the panel. */
  readonly isCurrent: (transcript: Transcript) => boolean;
  readonly onTotalsChanged?: (transcript: Transcript) => void;
}

export class SessionCompaction {
  constructor(private readonly deps: SessionCompactionDeps) {}

  /** What the next request of `transcript` sends. Rejects only with a TurnFailure (a Stop). */
  async prepare(transcript: Transcript, messages: readonly ApiMessage[], tools: readonly ToolDefinition[] | undefined, signal: AbortSignal): Promise<readonly ApiMessage[]> {
    const prepared = await this.run(transcript, messages, tools, signal, false);
    return prepared.messages;
  }

  /** Compacts now, whatever the threshold says; the panel hears what happened. */
  async compactNow(transcript: Transcript, signal: AbortSignal): Promise<Prepared> {
    const prepared = await this.run(transcript, transcript.apiMessages(), undefined, signal, true);
    if (!this.deps.isCurrent(transcript)) return prepared;
    if (prepared.outcome === 'summarized' || prepared.outcome === 'trimmed') {
      const model = this.deps.currentModel();
      transcript.context = { usedTokens: estimateTokens({ messages: prepared.messages }), windowTokens: this.deps.contextWindow(model), estimated: true };
      this.deps.post({ type: 'context', context: transcript.context });
    }
    const result = resultOf(prepared);
    this.deps.post({ type: 'compacting', active: false, result, ...(result === 'failed' && prepared.detail ? { detail: prepared.detail } : {}) });
    return prepared;
  }

  private run(transcript: Transcript, messages: readonly ApiMessage[], tools: readonly ToolDefinition[] | undefined, signal: AbortSignal, force: boolean): Promise<Prepared> {
    const current = () => this.deps.isCurrent(transcript);
    return this.deps.compactor.prepare({
      state: transcript,
      messages,
      ...(tools && tools.length ? { tools } : {}),
      model: this.deps.currentModel(),
      signal,
      force,
      onCompacting: (active) => {
        // A manual compaction reports its start (ChatSession.compact) and its end, with the result, itself.
        if (current() && !force) this.deps.post({ type: 'compacting', active });
      },
      onCompacted: () => {
        const snapshot = transcript.compactionSnapshots().at(-1);
        if (current() && snapshot) this.deps.post({ type: 'compacted', compaction: snapshot });
      },
      onSummaryUsage: (model, usage) => {
        transcript.totals = addUsage(transcript.totals, model, usage);
        if (!current()) return;
        this.deps.post({ type: 'totals', totals: usageSnapshot(transcript.totals) });
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
