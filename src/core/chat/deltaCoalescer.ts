// Batches stream deltas so the webview gets at most one message per interval, not one per token.
// Structural messages flush pending text first, so ordering on the wire is always preserved.
import type { BlockDelta, HostToWebview } from '../../shared/protocol';

export type PostMessage = (message: HostToWebview) => void;

export class DeltaCoalescer {
  private turnId: string | undefined;
  private pending = new Map<number, string>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly post: PostMessage,
    // 25 updates a second reads as smooth. Each message costs the workbench a relay and the webview about
    // 1 ms of text layout however little it carries (in chromium here, appending 66 or 264 words cost the
    // same), so at a fast model's speed fewer, larger messages are cheaper.
    private readonly intervalMs = 40,
  ) {}

  append(turnId: string, index: number, text: string): void {
    if (this.turnId !== turnId) {
      this.flush();
      this.turnId = turnId;
    }
    this.pending.set(index, (this.pending.get(index) ?? '') + text);
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  /** Posts pending deltas now; call before any message that must follow them. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.turnId === undefined || this.pending.size === 0) return;
    const deltas: BlockDelta[] = [];
    for (const [index, text] of this.pending) deltas.push({ index, text });
    this.pending = new Map();
    this.post({ type: 'blockDeltas', turnId: this.turnId, deltas });
  }

  /** Structural message: flushes first so the webview never sees a stop before its text. */
  send(message: HostToWebview): void {
    this.flush();
    this.post(message);
  }

  dispose(): void {
    this.flush();
  }
}
