// Per-turn checkpoints: the original bytes of every file a turn writes, taken before its first write, and
// the bytes its last write left there. "Revert this turn" restores the originals exactly, and compares
// the files with what the turn wrote first, so it never silently undoes work done after the turn.
// Memory grows only with the files actually touched.

export interface FileCheckpoint {
  readonly absPath: string;
  /** Undefined when the turn created the file (revert removes it). */
  readonly before: Uint8Array | undefined;
  /** What the turn's last write left on disk; undefined when no write was confirmed (it failed). */
  readonly after: Uint8Array | undefined;
}

interface Entry {
  readonly before: Uint8Array | undefined;
  after: Uint8Array | undefined;
}

export class CheckpointStore {
  private readonly turns = new Map<string, Map<string, Entry>>();

  /** Keeps the first original only: later writes in the same turn must not overwrite it. */
  record(turnId: string, absPath: string, before: Uint8Array | undefined): void {
    let files = this.turns.get(turnId);
    if (!files) this.turns.set(turnId, (files = new Map()));
    if (!files.has(absPath)) files.set(absPath, { before: copy(before), after: undefined });
  }

  /** After each write: the latest bytes win (revert compares the file with the turn's final result). */
  recordWritten(turnId: string, absPath: string, after: Uint8Array | undefined): void {
    const entry = this.turns.get(turnId)?.get(absPath);
    if (entry) entry.after = copy(after);
  }

  has(turnId: string): boolean {
    return (this.turns.get(turnId)?.size ?? 0) > 0;
  }

  files(turnId: string): readonly FileCheckpoint[] {
    return [...(this.turns.get(turnId) ?? new Map<string, Entry>())].map(([absPath, e]) => ({ absPath, before: e.before, after: e.after }));
  }

  /** After a successful revert, or when the conversation is closed. */
  forget(turnId: string): void {
    this.turns.delete(turnId);
  }

  clear(): void {
    this.turns.clear();
  }
}

/** A copy, so a caller reusing its buffer cannot change what revert restores or compares with. */
function copy(bytes: Uint8Array | undefined): Uint8Array | undefined {
  return bytes === undefined ? undefined : new Uint8Array(bytes);
}
