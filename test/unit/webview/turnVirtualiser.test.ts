// The transcript's turn virtualiser, on a stub log that stacks its children as a browser would: long
// transcripts render only the turns near the viewport, far turns collapse to placeholders of their
// measured height, and no swap moves what the reader sees.
import assert from 'node:assert/strict';
import type { TurnSnapshot } from '../../../src/shared/protocol';
import type { TurnModel } from '../../../src/webview/turnModel';
import { TurnVirtualiser, type FollowState, type NearEntry, type NearWatcher, type TurnBox } from '../../../src/webview/turnVirtualiser';

/** A child of the log: its own height (a rendered turn) or its style's (a placeholder). */
class Box implements TurnBox<Box> {
  parent: FakeLog | undefined;
  readonly style = { height: '' };
  constructor(
    readonly name: string,
    private readonly fixedHeight?: number,
    private readonly descendants = 0,
  ) {}
  get offsetHeight(): number {
    return this.fixedHeight ?? (parseFloat(this.style.height) || 0);
  }
  get offsetTop(): number {
    let top = 0;
    for (const c of this.parent?.children ?? []) {
      if (c === this) return top;
      top += c.offsetHeight;
    }
    return top;
  }
  get nextElementSibling(): Box | null {
    const siblings = this.parent?.children ?? [];
    return siblings[siblings.indexOf(this) + 1] ?? null;
  }
  before(...nodes: Box[]): void {
    const log = this.parent as FakeLog;
    log.insert(log.children.indexOf(this), nodes);
  }
  replaceWith(...nodes: Box[]): void {
    const log = this.parent as FakeLog;
    const i = log.children.indexOf(this);
    log.children.splice(i, 1);
    this.parent = undefined;
    log.insert(i, nodes);
  }
  getElementsByTagName(): { length: number } {
    return { length: this.descendants };
  }
}

/** The scrolling log: scrollTop is clamped to the content, as in the browser. */
class FakeLog {
  children: Box[] = [];
  readonly clientWidth = 700;
  private top = 0;
  constructor(readonly clientHeight = 600) {}
  get scrollHeight(): number {
    return this.children.reduce((sum, c) => sum + c.offsetHeight, 0);
  }
  get scrollTop(): number {
    return this.top;
  }
  set scrollTop(value: number) {
    this.top = Math.max(0, Math.min(value, this.scrollHeight - this.clientHeight));
  }
  insert(at: number, nodes: Box[]): void {
    for (const n of nodes) n.parent = this;
    this.children.splice(at, 0, ...nodes);
  }
  replaceChildren(nodes: Box[]): void {
    for (const c of this.children) c.parent = undefined;
    this.children = [];
    this.insert(0, nodes);
  }
  /** The first child reaching below the top of the viewport. */
  firstVisible(): Box | undefined {
    return this.children.find((c) => c.offsetTop + c.offsetHeight > this.scrollTop);
  }
}

class Watcher implements NearWatcher<Box> {
  readonly observed = new Set<Box>();
  onChange: (entries: readonly NearEntry[]) => void = () => undefined;
  observe(el: Box): void {
    this.observed.add(el);
  }
  unobserve(el: Box): void {
    this.observed.delete(el);
  }
  disconnect(): void {
    this.observed.clear();
  }
}

/** Stands in for the scroll follower: answers as told, and scrolls to the bottom when following. */
class Follower implements FollowState {
  following = false;
  bottomNow = false;
  changes = 0;
  constructor(private readonly log: FakeLog) {}
  atBottomNow(): boolean {
    return this.bottomNow;
  }
  afterContentChange(): void {
    this.changes++;
    if (this.following) this.log.scrollTop = this.log.scrollHeight;
  }
}

const RENDERED_PX = 150;

function turn(i: number, over: Partial<TurnSnapshot> = {}): TurnSnapshot {
  const role = i % 2 ? 'assistant' : 'user';
  return { id: `t${i}`, role, status: 'done', blocks: [{ kind: 'text', text: `turn ${i} `.repeat(20), done: true }], ...over };
}

function setup({ elementsPerTurn = 10 } = {}) {
  const log = new FakeLog();
  const end = new Box('end', 1);
  const watcher = new Watcher();
  const follower = new Follower(log);
  const rendered: { id: string; text: string }[] = [];
  const virtualiser = new TurnVirtualiser<Box, { el: Box }>({
    log,
    end,
    follower,
    render: (model: TurnModel) => {
      const snapshot = model.snapshot();
      rendered.push({ id: model.id, text: snapshot.blocks.map((b) => b.text).join('') });
      return { el: new Box(`turn ${model.id}`, RENDERED_PX, elementsPerTurn) };
    },
    placeholder: () => new Box('placeholder'),
    watchNear: (onChange) => {
      watcher.onChange = onChange;
      return watcher;
    },
  });
  const load = (turns: TurnSnapshot[]) => virtualiser.reset(turns, (els) => log.replaceChildren([...els, end]));
  const isRendered = (id: string) => virtualiser.get(id)?.view !== undefined;
  const renderedIds = () => log.children.filter((c) => c.name.startsWith('turn ')).map((c) => c.name.slice(5));
  const near = (ids: string[], isIntersecting = true) => watcher.onChange(ids.map((id) => ({ target: virtualiser.get(id)?.el as Box, isIntersecting })));
  return { log, end, watcher, follower, rendered, virtualiser, load, isRendered, renderedIds, near };
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('transcript turn virtualiser', () => {
  it('a loaded transcript renders its newest 12 turns; older ones are placeholders sized by an estimate', () => {
    const { log, end, load, renderedIds, watcher, virtualiser } = setup();
    load([...range(0, 29).map((i) => turn(i)), turn(29, { blocks: [{ kind: 'text', text: 'x'.repeat(2000), done: true }] })]);
    assert.deepEqual(renderedIds(), range(18, 30).map((i) => `t${i}`));
    assert.equal(log.children.length, 31);
    assert.equal(log.children.at(-1), end, 'the end marker stays last');
    const placeholder = virtualiser.get('t0')?.el as Box;
    assert.equal(placeholder.name, 'placeholder');
    assert.ok(placeholder.offsetHeight > 48, `an estimate from the text: ${placeholder.style.height}`);
    assert.equal(watcher.observed.size, 30, 'every turn is watched');
  });

  it('a turn still streaming renders even when it is not among the newest', () => {
    const { load, isRendered } = setup();
    load([turn(0, { status: 'streaming' }), ...range(1, 30).map((i) => turn(i))]);
    assert.equal(isRendered('t0'), true);
    assert.equal(isRendered('t1'), false);
  });

  it('a placeholder scrolled near renders, and the turn at the top of the view keeps its place on screen', () => {
    const { log, load, near, isRendered, watcher, virtualiser } = setup();
    load(range(0, 30).map((i) => turn(i)));
    log.scrollTop = virtualiser.get('t10')?.el.offsetTop as number;
    const top = log.firstVisible() as Box;
    const onScreen = top.offsetTop - log.scrollTop;
    const old = virtualiser.get('t5')?.el as Box;
    near(['t4', 't5']);
    assert.equal(isRendered('t5'), true);
    assert.notEqual(old.offsetHeight, RENDERED_PX, 'the rendered turn is taller or shorter than its estimate');
    assert.equal(top.offsetTop - log.scrollTop, onScreen, 'what the reader looks at did not move');
    assert.equal(watcher.observed.has(old), false, 'the placeholder is no longer watched');
    assert.equal(watcher.observed.has(virtualiser.get('t5')?.el as Box), true, 'the rendered turn is');
  });

  it('while the reader is at the bottom, turns rendering above keep the bottom in view', () => {
    const { log, follower, load, near } = setup();
    load(range(0, 30).map((i) => turn(i)));
    follower.following = true;
    follower.bottomNow = true;
    log.scrollTop = log.scrollHeight;
    near(['t17']);
    assert.equal(follower.changes, 1);
    assert.equal(log.scrollHeight - log.scrollTop - log.clientHeight, 0);
  });

  it('turns coming near as the reader scrolls up keep the reader’s place, even before the end marker reports leaving', () => {
    const { log, follower, load, near, virtualiser } = setup();
    load(range(0, 30).map((i) => turn(i)));
    // The follow flag still says "following": the end marker's report comes after this one.
    follower.following = true;
    follower.bottomNow = false;
    log.scrollTop = virtualiser.get('t12')?.el.offsetTop as number;
    const top = log.firstVisible() as Box;
    const onScreen = top.offsetTop - log.scrollTop;
    near(['t9', 't10', 't11']);
    assert.equal(follower.changes, 0, 'not scrolled to the bottom');
    assert.equal(top.offsetTop - log.scrollTop, onScreen, 'the reader stays where they scrolled');
  });

  it('past 40 rendered turns, the ones farthest from the viewport collapse to placeholders of their measured height', () => {
    const { log, load, near, isRendered, virtualiser, renderedIds } = setup();
    load([...range(0, 59).map((i) => turn(i)), turn(59, { status: 'streaming' })]);
    log.scrollTop = 0;
    near(range(0, 30).map((i) => `t${i}`));
    assert.equal(renderedIds().length, 40);
    assert.equal(isRendered('t59'), true, 'the streaming turn stays');
    assert.equal(isRendered('t58'), false);
    assert.equal(isRendered('t57'), false);
    assert.equal(isRendered('t56'), true);
    assert.equal((virtualiser.get('t58')?.el as Box).style.height, `${RENDERED_PX}px`, 'its measured height');
  });

  it('near turns and their neighbours never collapse', () => {
    const { load, near, isRendered, renderedIds } = setup();
    load(range(0, 60).map((i) => turn(i)));
    near(range(48, 60).map((i) => `t${i}`));
    near(range(0, 30).map((i) => `t${i}`));
    // 42 rendered, over budget, but the near range spans t0 to t59: no rendered turn is far from it.
    assert.equal(renderedIds().length, 42);
    assert.equal(isRendered('t0'), true);
  });

  it('a collapsed turn renders again as its model stands now', () => {
    const { load, near, virtualiser, rendered } = setup();
    load(range(0, 60).map((i) => turn(i)));
    near(range(0, 30).map((i) => `t${i}`));
    assert.equal(virtualiser.get('t59')?.view, undefined, 'collapsed');
    virtualiser.get('t59')?.model.append(0, ' and a late addition');
    near(['t59']);
    assert.match(rendered.at(-1)?.text ?? '', /and a late addition$/);
  });

  it('a new turn goes before the end marker, watched; far turns collapse by element count too', () => {
    // 12 turns of 200 elements each fit the 2,500-element budget; a 13th does not.
    const { end, log, follower, load, virtualiser, isRendered, watcher } = setup({ elementsPerTurn: 199 });
    load(range(0, 12).map((i) => turn(i)));
    follower.following = true;
    virtualiser.add(turn(12, { status: 'streaming' }));
    assert.equal(end.nextElementSibling, null);
    assert.equal(log.children.at(-2), virtualiser.get('t12')?.el);
    assert.equal(watcher.observed.has(virtualiser.get('t12')?.el as Box), true);
    assert.equal(isRendered('t0'), false, 'the oldest turn collapsed');
    assert.equal(isRendered('t1'), true);
    assert.equal(log.scrollHeight - log.scrollTop - log.clientHeight, 0, 'following: the bottom stays in view');
  });

  it('a change that is not a swap (a summary block above) keeps the reader’s place too', () => {
    const { log, load, virtualiser } = setup();
    load(range(0, 20).map((i) => turn(i)));
    log.scrollTop = 2000;
    const top = log.firstVisible() as Box;
    const onScreen = top.offsetTop - log.scrollTop;
    virtualiser.keepPlace(() => log.insert(0, [new Box('compaction', 90)]));
    assert.equal(top.offsetTop - log.scrollTop, onScreen);
  });
});
