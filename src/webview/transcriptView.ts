// The transcript (role="log"): the composition of three parts, each with its own state and tests.
// - DeltaQueue (deltaQueue.ts): stream deltas wait for the next animation frame and apply in one batch;
//   every structural change flushes it first, so nothing lands out of order.
// - ScrollFollower (scrollFollower.ts): follows the bottom unless the reader has scrolled up, at no cost
//   per frame (scroll anchoring on the end marker), and shows "Jump to latest" when they have.
// - TurnVirtualiser (turnVirtualiser.ts): long transcripts keep the DOM bounded (placeholders near the
//   viewport render, far turns collapse) without moving what the reader sees.
// This file owns the log's elements and routes the host's messages to the turns' models and views.
import type { BlockDelta, BlockSnapshot, CompactionSnapshot, EndNotice, ErrorInfo, ToolState, TurnNotice, TurnSnapshot, TurnStatus, UsageSnapshot } from '../shared/protocol';
import { compactionBlock } from './compactionView';
import { DeltaQueue, type FrameScheduler, type QueuedDeltas } from './deltaQueue';
import { h, icon } from './dom';
import { STICK_THRESHOLD_PX, ScrollFollower } from './scrollFollower';
import { strings } from './strings';
import type { TurnEnd, TurnModel } from './turnModel';
import { TurnView } from './turnView';
import { NEAR_MARGIN, TurnVirtualiser } from './turnVirtualiser';
import { revertGate } from './revertGate';
import './transcript.css';

/** Looked up on each call, not at load: the bench probe wraps requestAnimationFrame after the panel loads. */
const animationFrames: FrameScheduler = {
  request: (callback) => requestAnimationFrame(() => callback()),
  cancel: (handle) => cancelAnimationFrame(handle),
};

/** A turn's view as it stands now: collapsed turns render again from their model. */
function renderTurn(model: TurnModel): TurnView {
  const view = new TurnView(model.snapshot());
  if (model.revertedSummary !== undefined) view.reverted(model.revertedSummary);
  return view;
}

export class TranscriptView {
  readonly el: HTMLElement;
  /** Shown when the reader has scrolled up and more arrives below; placed by the caller. */
  readonly jumpButton: HTMLButtonElement;
  private readonly empty: HTMLElement;
  /** Last child of the log and its only scroll-anchor candidate: anchored, growth above it keeps it in place. */
  private readonly end: HTMLElement;
  private readonly follower: ScrollFollower;
  private readonly turns: TurnVirtualiser<HTMLElement, TurnView>;
  private readonly deltas = new DeltaQueue((batch) => this.applyDeltas(batch), animationFrames);
  /** "Earlier conversation summarized" blocks by compaction id; each sits right before its turn. */
  private compactions = new Map<string, HTMLElement>();

  constructor() {
    this.empty = h('div', { class: 'empty' }, h('p', {}, strings.transcript.emptyTitle), h('p', { class: 'hint' }, strings.transcript.emptyHint));
    this.end = h('div', { class: 'transcript-end', 'aria-hidden': 'true' });
    this.el = h('div', { role: 'log', class: 'transcript', 'aria-label': strings.transcript.label, tabindex: '0' }, this.empty, this.end);
    this.jumpButton = h('button', { type: 'button', class: 'button secondary jump-latest', hidden: true }, icon('arrow-down'), ' ', strings.transcript.jumpToLatest);
    this.follower = new ScrollFollower(this.el, this.jumpButton);
    this.jumpButton.addEventListener('click', () => {
      this.follower.follow();
      this.el.focus({ preventScroll: true });
    });
    this.turns = new TurnVirtualiser<HTMLElement, TurnView>({
      log: this.el,
      end: this.end,
      follower: this.follower,
      render: renderTurn,
      placeholder: () => h('div', { class: 'turn-placeholder', 'aria-hidden': 'true' }),
      watchNear: (onChange) => new IntersectionObserver((entries) => onChange(entries), { root: this.el, rootMargin: NEAR_MARGIN }),
    });
    // "At the bottom" is the end marker within STICK_THRESHOLD_PX below the view.
    new IntersectionObserver(
      (entries) => {
        const entry = entries.at(-1);
        if (entry) this.follower.endMarkerSeen(entry.isIntersecting, entry.rootBounds?.height ?? 0);
      },
      { root: this.el, rootMargin: `0px 0px ${STICK_THRESHOLD_PX}px 0px` },
    ).observe(this.end);
    new ResizeObserver(() => this.follower.resized()).observe(this.el);
  }

  reset(turns: readonly TurnSnapshot[]): void {
    this.deltas.clear();
    this.turns.reset(turns, (els) => {
      this.compactions.clear();
      this.el.replaceChildren(...(els.length ? els : [this.empty]), this.end);
    });
    this.follower.follow();
  }

  addTurn(turn: TurnSnapshot): void {
    this.deltas.flush();
    this.empty.remove();
    this.turns.add(turn);
  }

  /**
   * Shows a summary block before the first turn it leaves in full. It is not a turn: placeholders swap in
   * place, so it keeps its position, and a turn's measured pitch stops where the block begins.
   */
  addCompaction(compaction: CompactionSnapshot): void {
    this.deltas.flush();
    const el = compactionBlock(compaction);
    const anchor = compaction.beforeTurnId ? this.turns.get(compaction.beforeTurnId)?.el : undefined;
    this.compactions.get(compaction.id)?.remove();
    this.compactions.set(compaction.id, el);
    this.turns.keepPlace(() => (anchor ? anchor.before(el) : this.el.prepend(el)));
  }

  startBlock(turnId: string, index: number, block: BlockSnapshot): void {
    this.deltas.flush();
    const turn = this.turns.get(turnId);
    turn?.model.startBlock(index, block);
    turn?.view?.startBlock(index, block);
    this.follower.afterContentChange();
  }

  queueDeltas(turnId: string, deltas: readonly BlockDelta[]): void {
    this.deltas.push(turnId, deltas);
  }

  stopBlock(turnId: string, index: number): void {
    this.deltas.flush();
    const turn = this.turns.get(turnId);
    turn?.model.stopBlock(index);
    turn?.view?.stopBlock(index);
    this.follower.afterContentChange();
  }

  /** Notices are transient (a retry countdown); a collapsed turn has nothing live to show them on. */
  notice(turnId: string, notice: TurnNotice): void {
    this.deltas.flush();
    this.turns.get(turnId)?.view?.notice(notice);
    this.follower.afterContentChange();
  }

  updateTool(turnId: string, index: number, tool: ToolState): void {
    this.deltas.flush();
    const turn = this.turns.get(turnId);
    turn?.model.updateTool(index, tool);
    turn?.view?.updateTool(index, tool);
    this.follower.afterContentChange();
  }

  reverted(turnId: string, summary: string): void {
    const turn = this.turns.get(turnId);
    if (!turn) return;
    turn.model.revertedSummary = summary;
    turn.view?.reverted(summary);
  }

  revertDeclined(turnId: string, reason: 'cancelled' | 'busy'): void {
    // Answered even when the turn's view is not rendered now: a later view's button must not stay disabled.
    revertGate.answered(turnId);
    this.turns.get(turnId)?.view?.revertDeclined(reason);
  }

  endTurn(
    turnId: string,
    status: TurnStatus,
    details: { model?: string; usage?: UsageSnapshot; error?: ErrorInfo; fallback?: { from: string; reason: string }; endNotice?: EndNotice; canRevert?: boolean },
  ): void {
    this.deltas.flush();
    const turn = this.turns.get(turnId);
    if (!turn) return;
    const { model, usage, error, fallback, endNotice, canRevert } = details;
    const end: TurnEnd = { ...(model ? { model } : {}), ...(usage ? { usage } : {}), ...(error ? { error } : {}), ...(fallback ? { fallback } : {}), ...(endNotice ? { endNotice } : {}), ...(canRevert ? { canRevert } : {}) };
    turn.model.ended(status, end);
    const view = turn.view;
    if (fallback && model) view?.notice({ kind: 'fallback', from: fallback.from, to: model, reason: fallback.reason });
    view?.setStatus(status, model, usage, error, { ...(endNotice ? { notice: endNotice } : {}), ...(canRevert ? { canRevert: true } : {}) });
    this.follower.afterContentChange();
  }

  /** One frame's deltas: into each turn's model and view, then markdown renders once per touched view. */
  private applyDeltas(batch: readonly QueuedDeltas[]): void {
    this.follower.whileTextGrows(() => {
      const touched = new Set<TurnView>();
      for (const { turnId, deltas } of batch) {
        const turn = this.turns.get(turnId);
        if (!turn) continue;
        for (const d of deltas) {
          turn.model.append(d.index, d.text);
          turn.view?.append(d.index, d.text);
        }
        if (turn.view) touched.add(turn.view);
      }
      for (const view of touched) view.flush();
    });
  }
}
