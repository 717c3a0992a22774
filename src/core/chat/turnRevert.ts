// "Revert this turn" as a sequence: refuse while a turn or compaction runs, plan (revertPlan.ts), ask
// about files changed since the turn wrote them, then restore. The editor supplies the port (disk, modal,
// trash); everything deciding what happens lives here.
import type { FileCheckpoint } from './checkpoints';
import { planRevert } from './revertPlan';

/** A file the user is asked about: changed since the turn wrote it, or deleted since. */
export interface ChangedFile {
  readonly absPath: string;
  readonly reason: 'changed' | 'missing';
}

export interface RevertPort {
  /** The file's bytes now (an editor's unsaved text counts), undefined when it does not exist. */
  readCurrent(absPath: string): Promise<Uint8Array | undefined>;
  /** Lists the files changed later (a modal); true = revert anyway, false = change nothing. */
  confirmChanged(files: readonly ChangedFile[]): Promise<boolean>;
  /** Writes the originals back and removes files the turn created (to the trash); a one-line summary. */
  restore(files: readonly FileCheckpoint[]): Promise<string>;
}

export type RevertResult =
  | { readonly kind: 'reverted'; readonly summary: string }
  /** The user chose Cancel: nothing was changed. */
  | { readonly kind: 'cancelled' }
  /** A turn or compaction was running: nothing was changed. */
  | { readonly kind: 'busy' };

export async function revertFiles(files: readonly FileCheckpoint[], port: RevertPort, busy: () => boolean): Promise<RevertResult> {
  const confirmed = new Set<string>();
  for (;;) {
    if (busy()) return { kind: 'busy' };
    const plan = await planRevert(files, (p) => port.readCurrent(p));
    const asking = [...plan.changed.map(listedAs('changed')), ...plan.missing.map(listedAs('missing'))];
    // Planned again after every answer: a file that changed while the modal was open is asked about too.
    if (asking.every((f) => confirmed.has(f.absPath))) {
      return { kind: 'reverted', summary: await port.restore([...plan.unchanged, ...plan.changed, ...plan.missing]) };
    }
    if (!(await port.confirmChanged(asking))) return { kind: 'cancelled' };
    for (const f of asking) confirmed.add(f.absPath);
  }
}

function listedAs(reason: ChangedFile['reason']): (file: FileCheckpoint) => ChangedFile {
  return (file) => ({ absPath: file.absPath, reason });
}
