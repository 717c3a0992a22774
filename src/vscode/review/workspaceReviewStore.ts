// The running batch's record in workspaceState, so a window reload (or a restart) picks it up again.
import type * as vscode from 'vscode';
import type { BatchRecord } from '../../core/review/batchTypes';

const KEY = 'claudeCompanion.workspaceReview.batch';

export class WorkspaceReviewStore {
  constructor(private readonly state: vscode.Memento) {}

  /** Cheap and synchronous: activation only checks this. */
  has(): boolean {
    return this.state.get(KEY) !== undefined;
  }

  /** As stored: validate with parseBatchRecord before use. */
  raw(): unknown {
    return this.state.get(KEY);
  }

  save(record: BatchRecord): Thenable<void> {
    return this.state.update(KEY, record);
  }

  clear(): Thenable<void> {
    return this.state.update(KEY, undefined);
  }

  /** Clears the record only if it is still `batchId`'s (a newer review may have replaced it). */
  async clearIf(batchId: string): Promise<void> {
    const stored = this.state.get<{ batchId?: unknown }>(KEY);
    if (stored?.batchId === batchId) await this.clear();
  }
}
