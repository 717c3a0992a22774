// Aborts a stream that goes silent: the SDK's own timeout only covers the wait for response headers.

export class IdleWatchdog {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastActivity = 0;

  constructor(
    private readonly idleMs: number,
    private readonly onIdle: () => void,
    private readonly now: () => number = Date.now,
  ) {}

  start(): void {
    this.lastActivity = this.now();
    this.arm(this.idleMs);
  }

  /** Cheap on the hot path: records the time; the timer re-arms itself only when it fires. */
  touch(): void {
    this.lastActivity = this.now();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(ms: number): void {
    this.timer = setTimeout(() => {
      const idle = this.now() - this.lastActivity;
      if (idle >= this.idleMs) {
        this.timer = undefined;
        this.onIdle();
      } else {
        this.arm(this.idleMs - idle);
      }
    }, ms);
    // Never keep a process alive just for the watchdog.
    (this.timer as { unref?: () => void }).unref?.();
  }
}
