// What the webview knows about one turn, kept up to date from the host's messages, so a turn that was
// collapsed to a placeholder (long transcripts) can be rendered again exactly as it stands now.
import type { BlockSnapshot, EndNotice, ErrorInfo, ToolState, TurnSnapshot, TurnStatus, UsageSnapshot } from '../shared/protocol';

interface BlockModel {
  kind: BlockSnapshot['kind'];
  text: string;
  done: boolean;
  toolName?: string;
  tool?: ToolState;
}

export interface TurnEnd {
  model?: string;
  usage?: UsageSnapshot;
  error?: ErrorInfo;
  fallback?: { from: string; reason: string };
  endNotice?: EndNotice;
  canRevert?: boolean;
}

const END_KEYS = ['model', 'stopReason', 'usage', 'error', 'fallback', 'endNotice', 'canRevert'] as const;

export class TurnModel {
  readonly id: string;
  readonly role: TurnSnapshot['role'];
  status: TurnStatus;
  /** Set once "Revert this turn" has run: the view shows this note instead of the button. */
  revertedSummary: string | undefined;
  private readonly blocks: BlockModel[];
  private end: TurnEnd & { stopReason?: string | null };

  constructor(turn: TurnSnapshot) {
    this.id = turn.id;
    this.role = turn.role;
    this.status = turn.status;
    this.blocks = turn.blocks.map((b) => ({ ...b }));
    this.end = {};
    for (const key of END_KEYS) if (turn[key] !== undefined) Object.assign(this.end, { [key]: turn[key] });
  }

  get streaming(): boolean {
    return this.status === 'streaming';
  }

  /** Characters of answer text (finished thinking is folded away), for estimating a never-rendered turn's height. */
  get textLength(): number {
    let n = 0;
    for (const b of this.blocks) if (b && b.kind === 'text') n += b.text.length;
    return n;
  }

  get blockCount(): number {
    return this.blocks.length;
  }

  startBlock(index: number, block: BlockSnapshot): void {
    this.blocks[index] = { ...block };
  }

  append(index: number, text: string): void {
    const block = this.blocks[index];
    if (block) block.text += text;
  }

  stopBlock(index: number): void {
    const block = this.blocks[index];
    if (block) block.done = true;
  }

  updateTool(index: number, tool: ToolState): void {
    const block = this.blocks[index];
    if (block) block.tool = tool;
  }

  ended(status: TurnStatus, details: TurnEnd): void {
    this.status = status;
    if (status !== 'streaming') for (const b of this.blocks) if (b) b.done = true;
    this.end = { ...this.end, ...details };
  }

  /** Block indexes are kept (holes included) so later messages for a block find it again. */
  snapshot(): TurnSnapshot {
    return { ...this.end, id: this.id, role: this.role, status: this.status, blocks: this.blocks.map((b) => ({ ...b })) };
  }
}
