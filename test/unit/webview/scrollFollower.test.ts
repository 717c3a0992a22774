// The transcript's scroll follower: it keeps the bottom in view while the reader is there, leaves a reader
// who scrolled up where they are and offers "Jump to latest", and writes nothing per frame it need not
// (each write would cost the panel a style pass or a forced layout).
import assert from 'node:assert/strict';
import { STICK_THRESHOLD_PX, ScrollFollower, type JumpButton, type Scroller } from '../../../src/webview/scrollFollower';

/** A log of `content` px in a `view` px viewport; counts scrollTop writes, and clamps them as the browser does. */
class FakeScroller implements Scroller {
  writes = 0;
  private top = 0;
  constructor(
    public scrollHeight: number,
    public clientHeight: number,
  ) {}
  get scrollTop(): number {
    return this.top;
  }
  set scrollTop(value: number) {
    this.writes++;
    this.top = Math.max(0, Math.min(value, this.scrollHeight - this.clientHeight));
  }
  get gap(): number {
    return this.scrollHeight - this.top - this.clientHeight;
  }
}

/** Counts writes to `hidden`: a write of the value it already has still costs a style pass. */
class FakeJump implements JumpButton {
  writes = 0;
  private value: boolean | string = true;
  get hidden(): boolean | string {
    return this.value;
  }
  set hidden(value: boolean | string) {
    this.writes++;
    this.value = value;
  }
}

function setup(content = 2000, view = 500) {
  const scroller = new FakeScroller(content, view);
  const jump = new FakeJump();
  const follower = new ScrollFollower(scroller, jump);
  return { scroller, jump, follower };
}

describe('transcript scroll follower', () => {
  it('follows a new transcript to the bottom, with Jump to latest hidden', () => {
    const { scroller, jump, follower } = setup();
    follower.follow();
    assert.equal(scroller.gap, 0);
    assert.equal(jump.hidden, true);
    assert.equal(follower.following, true);
  });

  it('after a structural change while following, scrolls to the new bottom', () => {
    const { scroller, follower } = setup();
    follower.follow();
    scroller.scrollHeight += 300; // a tool card, a new turn
    follower.afterContentChange();
    assert.equal(scroller.gap, 0);
  });

  it('a reader who scrolled up stays put as content arrives, and is offered Jump to latest', () => {
    const { scroller, jump, follower } = setup();
    follower.follow();
    scroller.scrollTop = 100; // the reader scrolls up
    follower.endMarkerSeen(false, 500); // the end marker left the view
    assert.equal(follower.following, false);
    assert.equal(jump.hidden, false, 'Jump to latest is offered');
    scroller.scrollHeight += 400;
    const writes = scroller.writes;
    follower.afterContentChange();
    follower.whileTextGrows(() => (scroller.scrollHeight += 40));
    assert.equal(scroller.scrollTop, 100, 'the reader stays where they scrolled');
    assert.equal(scroller.writes, writes, 'the view never moved them');
    assert.equal(jump.hidden, false);
  });

  it('Jump to latest scrolls to the bottom and follows again', () => {
    const { scroller, jump, follower } = setup();
    follower.follow();
    scroller.scrollTop = 0;
    follower.endMarkerSeen(false, 500);
    follower.follow();
    assert.equal(scroller.gap, 0);
    assert.equal(jump.hidden, true);
    scroller.scrollHeight += 200;
    follower.afterContentChange();
    assert.equal(scroller.gap, 0, 'and it follows again');
  });

  it('the end marker coming back into reach (the reader scrolled down) follows again and hides the button', () => {
    const { jump, follower } = setup();
    follower.endMarkerSeen(false, 500);
    follower.endMarkerSeen(true, 500);
    assert.equal(follower.following, true);
    assert.equal(jump.hidden, true);
  });

  it('ignores end-marker reports while the log is not shown (the history list in its place)', () => {
    const { jump, follower } = setup();
    follower.follow();
    follower.endMarkerSeen(false, 0);
    assert.equal(follower.following, true);
    assert.equal(jump.hidden, true);
  });

  it('streamed text below the top costs no scroll write: the browser anchors on the end marker', () => {
    const { scroller, jump, follower } = setup();
    follower.follow();
    const scrollWrites = scroller.writes;
    const jumpWrites = jump.writes;
    for (let frame = 0; frame < 10; frame++) follower.whileTextGrows(() => (scroller.scrollHeight += 20));
    assert.equal(scroller.writes, scrollWrites, 'no scrollTop write per frame (it would force a layout)');
    assert.equal(jump.writes, jumpWrites, 'no write to the button per frame (it would cost a style pass)');
  });

  it('text only starting to fill an empty view is followed by scrolling (Chromium does not anchor at the top)', () => {
    const { scroller, follower } = setup(480, 500);
    follower.follow();
    assert.equal(scroller.scrollTop, 0);
    follower.whileTextGrows(() => (scroller.scrollHeight = 900));
    assert.equal(scroller.gap, 0, 'the bottom of the new text is in view');
  });

  it('a log at the top that already overflowed was put there by the reader: growing text does not scroll it', () => {
    const { scroller, follower } = setup(2000, 500);
    follower.follow();
    scroller.scrollTop = 0; // the end marker's report has not arrived yet
    const writes = scroller.writes;
    follower.whileTextGrows(() => (scroller.scrollHeight += 50));
    assert.equal(scroller.writes, writes);
    assert.equal(scroller.scrollTop, 0);
  });

  it('writes the button only when its state changes', () => {
    const { scroller, jump, follower } = setup();
    follower.follow();
    const writes = jump.writes;
    follower.follow();
    follower.afterContentChange();
    follower.endMarkerSeen(true, 500);
    assert.equal(jump.writes, writes, 'already hidden: no write');
    scroller.scrollTop = 0;
    follower.endMarkerSeen(false, 500);
    follower.endMarkerSeen(false, 500);
    follower.afterContentChange();
    assert.equal(jump.writes, writes + 1, 'shown once');
  });

  it('keeps following when the view gets shorter (a taller composer), and leaves a reader who scrolled up alone', () => {
    const { scroller, follower } = setup();
    follower.follow();
    scroller.clientHeight = 400;
    follower.resized();
    assert.equal(scroller.gap, 0);
    scroller.scrollTop = 300;
    follower.endMarkerSeen(false, 400);
    scroller.clientHeight = 300;
    follower.resized();
    assert.equal(scroller.scrollTop, 300);
  });

  it('is at the bottom "now" only when the scroll position agrees with the follow flag', () => {
    const { scroller, follower } = setup();
    follower.follow();
    assert.equal(follower.atBottomNow(), true);
    // The reader scrolled up; the end marker's report has not arrived yet, so the flag still says follow.
    scroller.scrollTop = 600;
    assert.equal(follower.following, true);
    assert.equal(follower.atBottomNow(), false);
    scroller.scrollTop = scroller.scrollHeight - scroller.clientHeight - STICK_THRESHOLD_PX;
    assert.equal(follower.atBottomNow(), true, `within ${STICK_THRESHOLD_PX} px counts as the bottom`);
  });
});
