// The host's book of approvals it is waiting on. An approval counts only for a proposal in this book,
// only once, and only from a place that showed it: the chat panel decides its own tool cards (not a
// code block's Apply, which has no card); an id is asked about once in a session, so a late or repeated
// "approve" can never land on a later proposal that reuses the id.
import type { ApprovalDecision } from './toolTypes';

/** Who decides: the panel's tool card, the proposal's diff editor (title bar), or the host itself (Stop, tests). */
export type Decider = 'panel' | 'editor' | 'host';

export interface ApprovalRequestOptions {
  /** True when the chat panel shows a card with Approve/Reject for it. */
  readonly panel: boolean;
  /** True when there is a diff to show (writes); reads to confirm have none. */
  readonly hasDiff: boolean;
}

interface Entry extends ApprovalRequestOptions {
  readonly resolve: (decision: ApprovalDecision) => void;
}

export class ApprovalRequests {
  private readonly pending = new Map<string, Entry>();
  private readonly asked = new Set<string>();

  /** Starts waiting on `id`; undefined when `id` was already asked about (pending or decided). */
  open(id: string, options: ApprovalRequestOptions): Promise<ApprovalDecision> | undefined {
    if (this.asked.has(id)) return undefined;
    this.asked.add(id);
    return new Promise<ApprovalDecision>((resolve) => this.pending.set(id, { ...options, resolve }));
  }

  /** Settles a pending approval; false (and nothing changes) when there is none or `by` may not decide it. */
  decide(id: string, approved: boolean, by: Decider, reason?: string): boolean {
    const entry = this.pending.get(id);
    if (!entry || (by === 'panel' && !entry.panel)) return false;
    this.pending.delete(id);
    entry.resolve(approved ? { approved: true } : reason ? { approved: false, reason } : { approved: false });
    return true;
  }

  has(id: string): boolean {
    return this.pending.has(id);
  }

  ids(): string[] {
    return [...this.pending.keys()];
  }

  /** The most recent pending proposal that has a diff to show. */
  latestWithDiff(): string | undefined {
    return [...this.pending].filter(([, e]) => e.hasDiff).at(-1)?.[0];
  }
}

export type ActiveDecision = { readonly kind: 'decide'; readonly id: string } | { readonly kind: 'show'; readonly id: string } | { readonly kind: 'none' };

/**
 * What the Approve/Reject command does: decide the proposal whose diff is the active editor; with none in
 * front, show the latest proposal's diff and decide nothing (the user has not seen it).
 */
export function activeDecision(activeId: string | undefined, requests: ApprovalRequests): ActiveDecision {
  if (activeId !== undefined && requests.has(activeId)) return { kind: 'decide', id: activeId };
  const latest = requests.latestWithDiff();
  return latest !== undefined ? { kind: 'show', id: latest } : { kind: 'none' };
}
