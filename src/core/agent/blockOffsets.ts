// One user turn can take several model requests, but the panel shows it as one turn whose blocks keep
// counting up. Each request's block indexes are shifted by the number of blocks the earlier ones emitted.
import type { ClaudeStreamEvent, TurnResult } from '../claude/streamEvents';

export class BlockOffsets {
  private offset = 0;
  private highest = -1;
  private readonly toolBlocks = new Map<string, number>();

  /** The event with its block index moved into the turn's numbering. */
  shift(event: ClaudeStreamEvent): ClaudeStreamEvent {
    if (!('index' in event)) return event;
    const index = event.index + this.offset;
    this.highest = Math.max(this.highest, index);
    if (event.type === 'blockStart' && event.toolUseId !== undefined) this.toolBlocks.set(event.toolUseId, index);
    return { ...event, index };
  }

  /**
   * The turn-wide index of a tool_use block: where its blockStart was shown, else its position in the
   * content (the two agree unless the stream carried blocks the result leaves out).
   */
  toolBlockIndex(toolUseId: string, position: number): number {
    return this.toolBlocks.get(toolUseId) ?? this.offset + position;
  }

  /** Called once a request has finished: the next one starts after every block this one used. */
  next(result: TurnResult): void {
    this.offset = Math.max(this.highest + 1, this.offset + result.content.length);
    this.highest = this.offset - 1;
  }
}
