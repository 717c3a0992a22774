// The transcript (role="log"). Deltas are queued and applied once per animation frame; structural
// changes apply queued text first so nothing lands out of order. Follows the bottom unless the
// reader has scrolled up.
import type { BlockDelta, BlockSnapshot, EndNotice, ErrorInfo, ToolState, TurnNotice, TurnSnapshot, TurnStatus, UsageSnapshot } from '../shared/protocol';
import { h, icon } from './dom';
import { TurnView } from './turnView';

const STICK_THRESHOLD_PX = 24;

export class TranscriptView {
  readonly el: HTMLElement;
  /** Shown when the reader has scrolled up and more arrives below; placed by the caller. */
  readonly jumpButton: HTMLButtonElement;
  private readonly empty: HTMLElement;
  private turns = new Map<string, TurnView>();
  private queued: { turnId: string; deltas: readonly BlockDelta[] }[] = [];
  private frame: number | undefined;
  private stickToBottom = true;

  constructor() {
    this.empty = h('div', { class: 'empty' }, h('p', {}, 'Ask Claude anything about your code.'), h('p', { class: 'hint' }, 'Enter sends · Shift+Enter adds a line'));
    this.el = h('div', { role: 'log', class: 'transcript', 'aria-label': 'Conversation', tabindex: '0' }, this.empty);
    this.jumpButton = h('button', { type: 'button', class: 'button secondary jump-latest', hidden: true }, icon('arrow-down'), ' Jump to latest');
    this.jumpButton.addEventListener('click', () => {
      this.stickToBottom = true;
      this.scrollIfFollowing();
      this.el.focus({ preventScroll: true });
    });
    this.el.addEventListener('scroll', () => {
      this.stickToBottom = this.el.scrollHeight - this.el.scrollTop - this.el.clientHeight <= STICK_THRESHOLD_PX;
      if (this.stickToBottom) this.jumpButton.hidden = true;
    }, { passive: true });
  }

  reset(turns: readonly TurnSnapshot[]): void {
    this.cancelFrame();
    this.queued = [];
    this.turns = new Map();
    this.el.replaceChildren(this.empty);
    for (const turn of turns) this.addTurn(turn);
    this.stickToBottom = true;
    this.scrollIfFollowing();
  }

  addTurn(turn: TurnSnapshot): void {
    this.applyQueued();
    const view = new TurnView(turn);
    this.turns.set(turn.id, view);
    this.empty.remove();
    this.el.append(view.el);
    this.scrollIfFollowing();
  }

  startBlock(turnId: string, index: number, block: BlockSnapshot): void {
    this.applyQueued();
    this.turns.get(turnId)?.startBlock(index, block);
    this.scrollIfFollowing();
  }

  queueDeltas(turnId: string, deltas: readonly BlockDelta[]): void {
    this.queued.push({ turnId, deltas });
    this.frame ??= requestAnimationFrame(() => {
      this.frame = undefined;
      this.applyQueued();
    });
  }

  stopBlock(turnId: string, index: number): void {
    this.applyQueued();
    this.turns.get(turnId)?.stopBlock(index);
    this.scrollIfFollowing();
  }

  notice(turnId: string, notice: TurnNotice): void {
    this.applyQueued();
    this.turns.get(turnId)?.notice(notice);
    this.scrollIfFollowing();
  }

  updateTool(turnId: string, index: number, tool: ToolState): void {
    this.applyQueued();
    this.turns.get(turnId)?.updateTool(index, tool);
    this.scrollIfFollowing();
  }

  reverted(turnId: string, summary: string): void {
    this.turns.get(turnId)?.reverted(summary);
  }

  endTurn(
    turnId: string,
    status: TurnStatus,
    details: { model?: string; usage?: UsageSnapshot; error?: ErrorInfo; fallback?: { from: string; reason: string }; endNotice?: EndNotice; canRevert?: boolean },
  ): void {
    this.applyQueued();
    const turn = this.turns.get(turnId);
    const { model, usage, error, fallback } = details;
    if (fallback && model) turn?.notice({ kind: 'fallback', from: fallback.from, to: model, reason: fallback.reason });
    turn?.setStatus(status, model, usage, error, { ...(details.endNotice ? { notice: details.endNotice } : {}), ...(details.canRevert ? { canRevert: true } : {}) });
    this.scrollIfFollowing();
  }

  private applyQueued(): void {
    this.cancelFrame();
    if (this.queued.length === 0) return;
    for (const { turnId, deltas } of this.queued) {
      const turn = this.turns.get(turnId);
      if (!turn) continue;
      for (const d of deltas) turn.append(d.index, d.text);
    }
    // Markdown renders once per frame, with all of the frame's text, and before measuring the scroll.
    for (const { turnId } of this.queued) this.turns.get(turnId)?.flush();
    this.queued = [];
    this.scrollIfFollowing();
  }

  private cancelFrame(): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.frame = undefined;
  }

  /** Keeps the bottom in view while following; otherwise offers to jump there instead of moving the reader. */
  private scrollIfFollowing(): void {
    if (this.stickToBottom) {
      this.el.scrollTop = this.el.scrollHeight;
      this.jumpButton.hidden = true;
    } else if (this.el.scrollHeight - this.el.scrollTop - this.el.clientHeight > STICK_THRESHOLD_PX) {
      this.jumpButton.hidden = false;
    }
  }
}
