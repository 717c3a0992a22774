// Per-turn checkpoints: the original bytes of every file a turn writes, taken before its first write,
// so "Revert this turn" can restore them exactly. Memory grows only with the files actually touched.

export interface FileCheckpoint {
  readonly absPath: string;
  /** Undefined when the turn created the file (revert deletes it). */
  readonly before: Uint8Array | undefined;
}

export class CheckpointStore {
  private readonly turns = new Map<string, Map<string, Uint8Array | undefined>>();

  /** Keeps the first original only: later writes in the same turn must not overwrite it. */
  record(turnId: string, absPath: string, before: Uint8Array | undefined): void {
    let files = this.turns.get(turnId);
    if (!files) this.turns.set(turnId, (files = new Map()));
    if (!files.has(absPath)) files.set(absPath, before === undefined ? undefined : new Uint8Array(before));
  }

  has(turnId: string): boolean {
    return (this.turns.get(turnId)?.size ?? 0) > 0;
  }

  files(turnId: string): readonly FileCheckpoint[] {
    return [...(this.turns.get(turnId) ?? new Map<string, Uint8Array | undefined>())].map(([absPath, before]) => ({ absPath, before }));
  }

  /** After a successful revert, or when the conversation is closed. */
  forget(turnId: string): void {
    this.turns.delete(turnId);
  }

  clear(): void {
    this.turns.clear();
  }
}
