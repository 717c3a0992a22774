// Stream deltas wait here for the next animation frame and are then applied in one batch, so markdown
// renders once per frame with all of that frame's text. Anything else that changes a turn (a block
// starting or stopping, a tool update, the turn ending, a new turn) flushes the queue first, so text never
// lands after a change the host sent later. Batches keep arrival order.
import type { BlockDelta } from '../shared/protocol';

export interface QueuedDeltas {
  readonly turnId: string;
  readonly deltas: readonly BlockDelta[];
}

/** When a batch runs: the browser's animation frames, or a test's hand-cranked frames. */
export interface FrameScheduler {
  request(callback: () => void): number;
  cancel(handle: number): void;
}

export class DeltaQueue {
  private queued: QueuedDeltas[] = [];
  private frame: number | undefined;

  constructor(
    private readonly apply: (batch: readonly QueuedDeltas[]) => void,
    private readonly frames: FrameScheduler,
  ) {}

  /** Queues a message's deltas; the first one in a frame asks for that frame. */
  push(turnId: string, deltas: readonly BlockDelta[]): void {
    this.queued.push({ turnId, deltas });
    this.frame ??= this.frames.request(() => {
      this.frame = undefined;
      this.flush();
    });
  }

  /** Applies everything queued now (before a structural change), and drops the frame that would have. */
  flush(): void {
    this.cancelFrame();
    if (this.queued.length === 0) return;
    // Taken before applying: deltas queued while the batch applies wait for their own frame.
    const batch = this.queued;
    this.queued = [];
    this.apply(batch);
  }

  /** Forgets what is queued (the transcript is being replaced). */
  clear(): void {
    this.cancelFrame();
    this.queued = [];
  }

  private cancelFrame(): void {
    if (this.frame !== undefined) this.frames.cancel(this.frame);
    this.frame = undefined;
  }
}
