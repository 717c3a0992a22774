// The transcript (role="log"). Deltas are queued and applied once per animation frame; structural
// changes apply queued text first so nothing lands out of order. Follows the bottom unless the
// reader has scrolled up. Following costs nothing per frame: the browser's scroll anchoring keeps an
// end marker (the only anchor candidate) in place as text grows above it, and an IntersectionObserver on
// the marker says when the reader has left the bottom or come back; no scroll listener, no forced layout.
//
// Long transcripts keep the DOM bounded: only the newest turns render when a transcript loads; older
// ones are placeholders of estimated height that render when scrolled near (IntersectionObserver), and
// once too many turns are rendered the ones farthest from the viewport collapse back to placeholders of
// their measured height. Every turn's state lives in a TurnModel, so a collapsed turn renders again
// as it stands now. Swaps keep the first visible turn where it was on screen.
import type { BlockDelta, BlockSnapshot, CompactionSnapshot, EndNotice, ErrorInfo, ToolState, TurnNotice, TurnSnapshot, TurnStatus, UsageSnapshot } from '../shared/protocol';
import { compactionBlock } from './compactionView';
import { h, icon } from './dom';
import { strings } from './strings';
import { TurnModel, type TurnEnd } from './turnModel';
import { TurnView } from './turnView';
import { revertGate } from './revertGate';
import './transcript.css';

const STICK_THRESHOLD_PX = 24;
/** Turns rendered straight away when a transcript loads (the newest); the rest wait until scrolled near. */
const EAGER_TURNS = 12;
/** How far beyond the viewport placeholders start rendering, so scrolling rarely shows one. */
const NEAR_MARGIN = '1200px 0px';
/** Rendered turns and elements above which turns away from the viewport collapse to placeholders. */
const RENDERED_TURN_BUDGET = 40;
const RENDERED_ELEMENT_BUDGET = 2500;
/** Height estimates for never-rendered turns (px); a rough guess is enough, measured heights replace it. */
const LINE_PX = 20;
const TURN_CHROME_PX = 48;
const BLOCK_PX = 24;
const CHAR_PX = 7;

/** One turn's place in the log: rendered (view) or standing in as a placeholder. */
class Slot {
  view: TurnView | undefined;
  placeholder: HTMLElement | undefined;
  /** Measured distance to the next turn, once rendered and collapsed. */
  height: number | undefined;
  /** Within NEAR_MARGIN of the viewport, as last reported by the observer. */
  near = false;

  constructor(readonly model: TurnModel) {}

  get el(): HTMLElement {
    return (this.view?.el ?? this.placeholder) as HTMLElement;
  }
}

export class TranscriptView {
  readonly el: HTMLElement;
  /** Shown when the reader has scrolled up and more arrives below; placed by the caller. */
  readonly jumpButton: HTMLButtonElement;
  private readonly empty: HTMLElement;
  private slots: Slot[] = [];
  private byId = new Map<string, Slot>();
  private readonly byEl = new WeakMap<Element, Slot>();
  private readonly observer: IntersectionObserver;
  private queued: { turnId: string; deltas: readonly BlockDelta[] }[] = [];
  private frame: number | undefined;
  private stickToBottom = true;
  /** Last child of the log and its only scroll-anchor candidate: anchored, growth above it keeps it in place. */
  private readonly end: HTMLElement;
  /** "Earlier conversation summarized" blocks by compaction id; each sits right before its turn. */
  private compactions = new Map<string, HTMLElement>();

  constructor() {
    this.empty = h('div', { class: 'empty' }, h('p', {}, strings.transcript.emptyTitle), h('p', { class: 'hint' }, strings.transcript.emptyHint));
    this.end = h('div', { class: 'transcript-end', 'aria-hidden': 'true' });
    this.el = h('div', { role: 'log', class: 'transcript', 'aria-label': strings.transcript.label, tabindex: '0' }, this.empty, this.end);
    this.jumpButton = h('button', { type: 'button', class: 'button secondary jump-latest', hidden: true }, icon('arrow-down'), ' ', strings.transcript.jumpToLatest);
    this.jumpButton.addEventListener('click', () => {
      this.stickToBottom = true;
      this.scrollIfFollowing();
      this.el.focus({ preventScroll: true });
    });
    this.observer = new IntersectionObserver((entries) => this.onIntersect(entries), { root: this.el, rootMargin: NEAR_MARGIN });
    // "At the bottom" is the end marker within STICK_THRESHOLD_PX below the view.
    new IntersectionObserver((entries) => this.onEndIntersect(entries), { root: this.el, rootMargin: `0px 0px ${STICK_THRESHOLD_PX}px 0px` }).observe(this.end);
    // A shorter view (a taller composer, a resized panel) would leave the marker below it: follow on.
    new ResizeObserver(() => {
      if (this.stickToBottom) this.scrollIfFollowing();
    }).observe(this.el);
  }

  reset(turns: readonly TurnSnapshot[]): void {
    this.cancelFrame();
    this.queued = [];
    this.observer.disconnect();
    this.slots = turns.map((t) => new Slot(new TurnModel(t)));
    this.byId = new Map(this.slots.map((s) => [s.model.id, s]));
    const eagerFrom = this.slots.length - EAGER_TURNS;
    this.slots.forEach((slot, i) => (i >= eagerFrom || slot.model.streaming ? this.render(slot) : this.makePlaceholder(slot)));
    this.compactions.clear();
    this.el.replaceChildren(...(this.slots.length ? this.slots.map((s) => s.el) : [this.empty]), this.end);
    for (const slot of this.slots) this.observe(slot);
    this.stickToBottom = true;
    this.scrollIfFollowing();
  }

  addTurn(turn: TurnSnapshot): void {
    this.applyQueued();
    const slot = new Slot(new TurnModel(turn));
    this.render(slot);
    this.slots.push(slot);
    this.byId.set(turn.id, slot);
    this.empty.remove();
    this.end.before(slot.el);
    this.observe(slot);
    this.keepScroll(() => this.collapseFarTurns());
  }


  /**
   * Shows a summary block before the first turn it leaves in full. It is not a slot: placeholders swap in
   * place, so it keeps its position, and a slot's measured pitch stops where the block begins.
   */
  addCompaction(compaction: CompactionSnapshot): void {
    this.applyQueued();
    const el = compactionBlock(compaction);
    const anchor = compaction.beforeTurnId ? this.byId.get(compaction.beforeTurnId)?.el : undefined;
    this.compactions.get(compaction.id)?.remove();
    this.compactions.set(compaction.id, el);
    this.keepScroll(() => (anchor ? anchor.before(el) : this.el.prepend(el)));
  }

  startBlock(turnId: string, index: number, block: BlockSnapshot): void {
    this.applyQueued();
    const slot = this.byId.get(turnId);
    slot?.model.startBlock(index, block);
    slot?.view?.startBlock(index, block);
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
    const slot = this.byId.get(turnId);
    slot?.model.stopBlock(index);
    slot?.view?.stopBlock(index);
    this.scrollIfFollowing();
  }

  /** Notices are transient (a retry countdown); a collapsed turn has nothing live to show them on. */
  notice(turnId: string, notice: TurnNotice): void {
    this.applyQueued();
    this.byId.get(turnId)?.view?.notice(notice);
    this.scrollIfFollowing();
  }

  updateTool(turnId: string, index: number, tool: ToolState): void {
    this.applyQueued();
    const slot = this.byId.get(turnId);
    slot?.model.updateTool(index, tool);
    slot?.view?.updateTool(index, tool);
    this.scrollIfFollowing();
  }

  reverted(turnId: string, summary: string): void {
    const slot = this.byId.get(turnId);
    if (!slot) return;
    slot.model.revertedSummary = summary;
    slot.view?.reverted(summary);
  }

  revertDeclined(turnId: string, reason: 'cancelled' | 'busy'): void {
    // Answered even when the turn's view is not rendered now: a later view's button must not stay disabled.
    revertGate.answered(turnId);
    this.byId.get(turnId)?.view?.revertDeclined(reason);
  }

  endTurn(
    turnId: string,
    status: TurnStatus,
    details: { model?: string; usage?: UsageSnapshot; error?: ErrorInfo; fallback?: { from: string; reason: string }; endNotice?: EndNotice; canRevert?: boolean },
  ): void {
    this.applyQueued();
    const slot = this.byId.get(turnId);
    if (!slot) return;
    const { model, usage, error, fallback, endNotice, canRevert } = details;
    const end: TurnEnd = { ...(model ? { model } : {}), ...(usage ? { usage } : {}), ...(error ? { error } : {}), ...(fallback ? { fallback } : {}), ...(endNotice ? { endNotice } : {}), ...(canRevert ? { canRevert } : {}) };
    slot.model.ended(status, end);
    const turn = slot.view;
    if (fallback && model) turn?.notice({ kind: 'fallback', from: fallback.from, to: model, reason: fallback.reason });
    turn?.setStatus(status, model, usage, error, { ...(endNotice ? { notice: endNotice } : {}), ...(canRevert ? { canRevert: true } : {}) });
    this.scrollIfFollowing();
  }

  private applyQueued(): void {
    this.cancelFrame();
    if (this.queued.length === 0) return;
    // Read before the text changes, so no layout is forced. Chromium does not anchor at the very top, so
    // text that is only now starting to fill the view is followed by scrolling. A log that already
    // overflowed and sits at the top was put there by the reader, which the end marker reports.
    const atTop = this.stickToBottom && this.el.scrollTop <= 0 && this.el.scrollHeight <= this.el.clientHeight + STICK_THRESHOLD_PX;
    const touched = new Set<TurnView>();
    for (const { turnId, deltas } of this.queued) {
      const slot = this.byId.get(turnId);
      if (!slot) continue;
      for (const d of deltas) {
        slot.model.append(d.index, d.text);
        slot.view?.append(d.index, d.text);
      }
      if (slot.view) touched.add(slot.view);
    }
    // Markdown renders once per frame, with all of the frame's text, and before measuring the scroll.
    for (const view of touched) view.flush();
    this.queued = [];
    // Anchored at the end marker, the browser keeps the bottom in view as the text grows; scrolling here
    // would force a second layout every frame. Scrolled up, the reader stays where they are.
    if (atTop) this.scrollIfFollowing();
  }

  /**
   * The end marker came within reach of the view (follow again) or left it. Growing text cannot move it
   * away (it is the scroll anchor, and at the top the frame scrolls itself), so leaving is the reader.
   */
  private onEndIntersect(entries: readonly IntersectionObserverEntry[]): void {
    const entry = entries.at(-1);
    // A log that is not shown (the history list in its place) has no bottom to be at.
    if (!entry || !entry.rootBounds?.height) return;
    this.stickToBottom = entry.isIntersecting;
    this.showJump(!entry.isIntersecting);
  }

  private cancelFrame(): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.frame = undefined;
  }

  /** Writes only a change: setting `hidden` to the value it has still costs a style pass in the next frame. */
  private showJump(show: boolean): void {
    if (this.jumpButton.hidden === show) this.jumpButton.hidden = !show;
  }

  /** Keeps the bottom in view while following; otherwise offers to jump there instead of moving the reader. */
  private scrollIfFollowing(): void {
    if (this.stickToBottom) {
      this.el.scrollTop = this.el.scrollHeight;
      this.showJump(false);
    } else if (this.el.scrollHeight - this.el.scrollTop - this.el.clientHeight > STICK_THRESHOLD_PX) {
      this.showJump(true);
    }
  }

  // --- Long transcripts: placeholders, rendering near the viewport, collapsing far away ---

  private render(slot: Slot): void {
    const view = new TurnView(slot.model.snapshot());
    if (slot.model.revertedSummary !== undefined) view.reverted(slot.model.revertedSummary);
    slot.view = view;
    this.byEl.set(view.el, slot);
  }

  private makePlaceholder(slot: Slot): void {
    const el = h('div', { class: 'turn-placeholder', 'aria-hidden': 'true' });
    el.style.height = `${Math.round(slot.height ?? this.estimateHeight(slot.model))}px`;
    slot.placeholder = el;
    this.byEl.set(el, slot);
  }

  private observe(slot: Slot): void {
    this.observer.observe(slot.el);
  }

  /** Replaces a slot's element in the log (placeholder ⇄ rendered turn) and moves the observation along. */
  private swap(slot: Slot, toRendered: boolean): void {
    const old = slot.el;
    this.observer.unobserve(old);
    if (toRendered) {
      this.render(slot);
      slot.placeholder = undefined;
    } else {
      slot.height = this.pitch(old);
      slot.view = undefined;
      this.makePlaceholder(slot);
    }
    old.replaceWith(slot.el);
    this.observe(slot);
  }

  /** The vertical space an element takes up including the gap to the next turn. */
  private pitch(el: HTMLElement): number {
    const next = el.nextElementSibling as HTMLElement | null;
    return next ? next.offsetTop - el.offsetTop : el.offsetHeight + parseFloat(getComputedStyle(el).marginBottom || '0');
  }

  private onIntersect(entries: readonly IntersectionObserverEntry[]): void {
    let toRender = false;
    for (const entry of entries) {
      const slot = this.byEl.get(entry.target);
      if (!slot || slot.el !== entry.target) continue;
      slot.near = entry.isIntersecting;
      if (slot.near && slot.placeholder) toRender = true;
    }
    // A reader who just scrolled up brings turns near in the same frame the end marker leaves the view,
    // and the browser may deliver that report after this one: the scroll position decides, not the flag.
    const follow = this.stickToBottom && this.el.scrollHeight - this.el.scrollTop - this.el.clientHeight <= STICK_THRESHOLD_PX;
    this.keepScroll(() => {
      if (toRender) for (const slot of this.slots) if (slot.near && slot.placeholder) this.swap(slot, true);
      this.collapseFarTurns();
    }, follow);
  }

  /** Collapses the rendered turns farthest from the viewport until the rendered part is within budget. */
  private collapseFarTurns(): void {
    const rendered = this.slots.filter((s) => s.view);
    let elements = 0;
    for (const s of rendered) elements += s.el.getElementsByTagName('*').length + 1;
    if (rendered.length <= RENDERED_TURN_BUDGET && elements <= RENDERED_ELEMENT_BUDGET) return;
    const near = this.slots.map((s, i) => (s.near ? i : -1)).filter((i) => i >= 0);
    const lo = near.length ? Math.min(...near) : this.slots.length - 1;
    const hi = near.length ? Math.max(...near) : this.slots.length - 1;
    const index = new Map(this.slots.map((s, i) => [s, i]));
    const distance = (s: Slot) => {
      const i = index.get(s) ?? hi;
      return i < lo ? lo - i : i - hi;
    };
    // Newest turns stay: a turn just added has not been reported near yet but is where the reader follows.
    const candidates = rendered.filter((s) => !s.near && !s.model.streaming && distance(s) > 1).sort((a, b) => distance(b) - distance(a));
    let count = rendered.length;
    for (const slot of candidates) {
      if (count <= RENDERED_TURN_BUDGET && elements <= RENDERED_ELEMENT_BUDGET) break;
      elements -= slot.el.getElementsByTagName('*').length + 1;
      count--;
      this.swap(slot, false);
    }
  }

  /**
   * Runs a change that swaps turns without moving what the reader sees: while following, the bottom
   * stays in view; otherwise the first turn at the top of the viewport keeps its on-screen position.
   */
  private keepScroll(change: () => void, follow = this.stickToBottom): void {
    if (follow) {
      change();
      this.scrollIfFollowing();
      return;
    }
    const anchor = this.firstVisible();
    const before = anchor ? anchor.el.offsetTop - this.el.scrollTop : 0;
    change();
    if (!anchor) return;
    const shift = anchor.el.offsetTop - this.el.scrollTop - before;
    if (shift !== 0) this.el.scrollTop += shift;
  }

  /** The first slot whose element reaches below the top of the viewport (binary search: tops only grow). */
  private firstVisible(): Slot | undefined {
    const top = this.el.scrollTop;
    let lo = 0;
    let hi = this.slots.length - 1;
    let found: Slot | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const slot = this.slots[mid] as Slot;
      if (slot.el.offsetTop + slot.el.offsetHeight > top) {
        found = slot;
        hi = mid - 1;
      } else {
        lo = mid + 1;
      }
    }
    return found;
  }

  private estimateHeight(model: TurnModel): number {
    const charsPerLine = Math.max(20, (this.el.clientWidth || 300) / CHAR_PX);
    return TURN_CHROME_PX + model.blockCount * BLOCK_PX + Math.ceil(model.textLength / charsPerLine) * LINE_PX;
  }
}
