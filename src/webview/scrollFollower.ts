// Whether the transcript follows the bottom as text arrives, and the "Jump to latest" button offered
// when it does not. Following costs nothing per frame: the browser's scroll anchoring keeps the log's end
// marker (its only anchor candidate, transcript.css) in place as text grows above it, and an
// IntersectionObserver on the marker says when the reader has left the bottom or come back, whether by
// wheel, keys or scrollbar; no scroll listener, no forced layout. The follower scrolls only where
// Chromium does not anchor (text starting to fill an empty view), after structural changes, and when
// the view gets shorter. transcriptView.ts connects the browser's observers to endMarkerSeen and resized.

/** "At the bottom" is the end marker within this distance below the view. */
export const STICK_THRESHOLD_PX = 24;

/** The scrolling log, as far as the follower reads and moves it. */
export interface Scroller {
  scrollTop: number;
  readonly scrollHeight: number;
  readonly clientHeight: number;
}

/** The "Jump to latest" button: only its visibility is the follower's (the DOM types it `boolean | string`). */
export interface JumpButton {
  hidden: boolean | string;
}

export class ScrollFollower {
  private stick = true;

  constructor(
    private readonly scroller: Scroller,
    private readonly jump: JumpButton,
  ) {}

  /** The reader is at the bottom (as the end marker last reported it) and new content keeps it in view. */
  get following(): boolean {
    return this.stick;
  }

  /**
   * Following, and the scroll position agrees. A reader who just scrolled up brings turns near in the same
   * frame the end marker leaves the view, and the browser may report the turns first: the position decides.
   */
  atBottomNow(): boolean {
    return this.stick && this.gap() <= STICK_THRESHOLD_PX;
  }

  /** Back to the bottom, following again: a transcript just loaded, or the reader asked (Jump to latest). */
  follow(): void {
    this.stick = true;
    this.afterContentChange();
  }

  /** After a structural change: keeps the bottom in view while following; otherwise offers to jump there. */
  afterContentChange(): void {
    if (this.stick) {
      this.scroller.scrollTop = this.scroller.scrollHeight;
      this.showJump(false);
    } else if (this.gap() > STICK_THRESHOLD_PX) {
      this.showJump(true);
    }
  }

  /**
   * Runs `grow`, which adds streamed text. Anchored at the end marker, the browser keeps the bottom in view;
   * scrolling here would force a second layout every frame, and a reader scrolled up stays where they are.
   * Chromium does not anchor at the very top, so text only now starting to fill the view is followed by
   * scrolling; read before the text changes, so no layout is forced. A log that already overflows and sits
   * at the top was put there by the reader, which the end marker reports.
   */
  whileTextGrows(grow: () => void): void {
    const s = this.scroller;
    const atTop = this.stick && s.scrollTop <= 0 && s.scrollHeight <= s.clientHeight + STICK_THRESHOLD_PX;
    grow();
    if (atTop) this.afterContentChange();
  }

  /**
   * The end marker came within reach of the view (follow again) or left it. Growing text cannot move it
   * away (it is the scroll anchor, and at the top the follower scrolls itself), so leaving is the reader.
   * `viewHeight` 0 is a log that is not shown (the history list in its place): it has no bottom to be at.
   */
  endMarkerSeen(inReach: boolean, viewHeight: number): void {
    if (!viewHeight) return;
    this.stick = inReach;
    this.showJump(!inReach);
  }

  /** A shorter view (a taller composer, a resized panel) would leave the marker below it: follow on. */
  resized(): void {
    if (this.stick) this.afterContentChange();
  }

  private gap(): number {
    const s = this.scroller;
    return s.scrollHeight - s.scrollTop - s.clientHeight;
  }

  /** Writes only a change: setting `hidden` to the value it has still costs a style pass in the next frame. */
  private showJump(show: boolean): void {
    if (this.jump.hidden === show) this.jump.hidden = !show;
  }
}
