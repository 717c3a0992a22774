// Long transcripts keep the DOM bounded: only the newest turns render when a transcript loads; older
// ones are placeholders of estimated height that render when scrolled near (IntersectionObserver), and
// once too many turns are rendered the ones farthest from the viewport collapse back to placeholders of
// their measured height. Every turn's state lives in a TurnModel, so a collapsed turn renders again
// as it stands now. Swaps keep the first visible turn where it was on screen, unless the reader follows
// the bottom, which then stays in view. The DOM is reached through the small interfaces below (the
// page's elements in the panel, a stub in unit tests); transcriptView.ts wires the browser's.
import type { TurnSnapshot } from '../shared/protocol';
import { TurnModel } from './turnModel';

/** Turns rendered straight away when a transcript loads (the newest); the rest wait until scrolled near. */
const EAGER_TURNS = 12;
/** How far beyond the viewport placeholders start rendering, so scrolling rarely shows one. */
export const NEAR_MARGIN = '1200px 0px';
/** Rendered turns and elements above which turns away from the viewport collapse to placeholders. */
const RENDERED_TURN_BUDGET = 40;
const RENDERED_ELEMENT_BUDGET = 2500;
/** Height estimates for never-rendered turns (px); a rough guess is enough, measured heights replace it. */
const LINE_PX = 20;
const TURN_CHROME_PX = 48;
const BLOCK_PX = 24;
const CHAR_PX = 7;

/** A turn's element in the log (rendered or a placeholder), as far as the virtualiser reads and moves it. */
export interface TurnBox<E> {
  readonly offsetTop: number;
  readonly offsetHeight: number;
  /** The next child of the log: another turn, a compaction block or the end marker. */
  readonly nextElementSibling: unknown;
  readonly style: { height: string };
  replaceWith(...nodes: E[]): void;
  getElementsByTagName(name: string): { readonly length: number };
}

/** A rendered turn: its element. */
export interface RenderedTurn<E> {
  readonly el: E;
}

/** The scroll follower's answers the virtualiser needs to keep the reader's place (scrollFollower.ts). */
export interface FollowState {
  readonly following: boolean;
  atBottomNow(): boolean;
  afterContentChange(): void;
}

/** An IntersectionObserver's report, as far as it is read here. */
export interface NearEntry {
  readonly target: object;
  readonly isIntersecting: boolean;
}

/** Reports elements coming within NEAR_MARGIN of the viewport or leaving it (an IntersectionObserver). */
export interface NearWatcher<E> {
  observe(el: E): void;
  unobserve(el: E): void;
  disconnect(): void;
}

export interface VirtualiserPorts<E extends TurnBox<E>, V extends RenderedTurn<E>> {
  /** The scrolling log: its scrollTop keeps the reader's place; its width sizes the estimates. */
  readonly log: { scrollTop: number; readonly clientWidth: number };
  /** The log's last child: new turns go before it. */
  readonly end: { before(...nodes: E[]): void };
  readonly follower: FollowState;
  /** Renders a turn's view from its model, as it stands now. */
  render(model: TurnModel): V;
  /** An empty placeholder element (the virtualiser sets its height). */
  placeholder(): E;
  watchNear(onChange: (entries: readonly NearEntry[]) => void): NearWatcher<E>;
}

/** One turn's place in the log: rendered (view) or standing in as a placeholder. */
class Slot<E, V extends RenderedTurn<E>> {
  view: V | undefined;
  placeholder: E | undefined;
  /** Measured distance to the next turn, once rendered and collapsed. */
  height: number | undefined;
  /** Within NEAR_MARGIN of the viewport, as last reported by the watcher. */
  near = false;

  constructor(readonly model: TurnModel) {}

  get el(): E {
    return (this.view?.el ?? this.placeholder) as E;
  }
}

/** A turn as the transcript updates it: its model always, its view only while rendered. */
export interface TurnSlot<E, V> {
  readonly model: TurnModel;
  readonly view: V | undefined;
  readonly el: E;
}

export class TurnVirtualiser<E extends TurnBox<E>, V extends RenderedTurn<E>> {
  private slots: Slot<E, V>[] = [];
  private byId = new Map<string, Slot<E, V>>();
  private readonly byEl = new WeakMap<object, Slot<E, V>>();
  private readonly watcher: NearWatcher<E>;

  constructor(private readonly ports: VirtualiserPorts<E, V>) {
    this.watcher = ports.watchNear((entries) => this.nearChanged(entries));
  }

  get(turnId: string): TurnSlot<E, V> | undefined {
    return this.byId.get(turnId);
  }

  /** Replaces every turn; `mount` puts their elements (rendered or placeholders) in the log, in order. */
  reset(turns: readonly TurnSnapshot[], mount: (els: E[]) => void): void {
    this.watcher.disconnect();
    this.slots = turns.map((t) => new Slot<E, V>(new TurnModel(t)));
    this.byId = new Map(this.slots.map((s) => [s.model.id, s]));
    const eagerFrom = this.slots.length - EAGER_TURNS;
    this.slots.forEach((slot, i) => (i >= eagerFrom || slot.model.streaming ? this.render(slot) : this.makePlaceholder(slot)));
    mount(this.slots.map((s) => s.el));
    for (const slot of this.slots) this.watcher.observe(slot.el);
  }

  /** Appends a new turn, rendered, before the end marker; far turns may collapse to keep within budget. */
  add(turn: TurnSnapshot): void {
    const slot = new Slot<E, V>(new TurnModel(turn));
    this.render(slot);
    this.slots.push(slot);
    this.byId.set(turn.id, slot);
    this.ports.end.before(slot.el);
    this.watcher.observe(slot.el);
    this.keepPlace(() => this.collapseFarTurns());
  }

  /**
   * Runs a change that moves turns without moving what the reader sees: while following, the bottom
   * stays in view; otherwise the first turn at the top of the viewport keeps its on-screen position.
   */
  keepPlace(change: () => void, follow = this.ports.follower.following): void {
    if (follow) {
      change();
      this.ports.follower.afterContentChange();
      return;
    }
    const log = this.ports.log;
    const anchor = this.firstVisible();
    const before = anchor ? anchor.el.offsetTop - log.scrollTop : 0;
    change();
    if (!anchor) return;
    const shift = anchor.el.offsetTop - log.scrollTop - before;
    if (shift !== 0) log.scrollTop += shift;
  }

  private nearChanged(entries: readonly NearEntry[]): void {
    let toRender = false;
    for (const entry of entries) {
      const slot = this.byEl.get(entry.target);
      if (!slot || slot.el !== entry.target) continue;
      slot.near = entry.isIntersecting;
      if (slot.near && slot.placeholder) toRender = true;
    }
    // The scroll position decides, not the follow flag alone: the end marker's report that the reader
    // left the bottom may arrive after this one (ScrollFollower.atBottomNow).
    this.keepPlace(() => {
      if (toRender) for (const slot of this.slots) if (slot.near && slot.placeholder) this.swap(slot, true);
      this.collapseFarTurns();
    }, this.ports.follower.atBottomNow());
  }

  private render(slot: Slot<E, V>): void {
    const view = this.ports.render(slot.model);
    slot.view = view;
    this.byEl.set(view.el, slot);
  }

  private makePlaceholder(slot: Slot<E, V>): void {
    const el = this.ports.placeholder();
    el.style.height = `${Math.round(slot.height ?? this.estimateHeight(slot.model))}px`;
    slot.placeholder = el;
    this.byEl.set(el, slot);
  }

  /** Replaces a slot's element in the log (placeholder ⇄ rendered turn) and moves the observation along. */
  private swap(slot: Slot<E, V>, toRendered: boolean): void {
    const old = slot.el;
    this.watcher.unobserve(old);
    if (toRendered) {
      this.render(slot);
      slot.placeholder = undefined;
    } else {
      slot.height = this.pitch(old);
      slot.view = undefined;
      this.makePlaceholder(slot);
    }
    old.replaceWith(slot.el);
    this.watcher.observe(slot.el);
  }

  /**
   * The vertical space an element takes up including the gap to the next turn. A turn always has a next
   * sibling in the log (at least the end marker), so the distance between their tops measures it.
   */
  private pitch(el: E): number {
    const next = el.nextElementSibling as E | null;
    return next ? next.offsetTop - el.offsetTop : el.offsetHeight;
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
    const distance = (s: Slot<E, V>) => {
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

  /** The first slot whose element reaches below the top of the viewport (binary search: tops only grow). */
  private firstVisible(): Slot<E, V> | undefined {
    const top = this.ports.log.scrollTop;
    let lo = 0;
    let hi = this.slots.length - 1;
    let found: Slot<E, V> | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const slot = this.slots[mid] as Slot<E, V>;
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
    const charsPerLine = Math.max(20, (this.ports.log.clientWidth || 300) / CHAR_PX);
    return TURN_CHROME_PX + model.blockCount * BLOCK_PX + Math.ceil(model.textLength / charsPerLine) * LINE_PX;
  }
}
