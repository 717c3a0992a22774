// Decides, before "Revert this turn" touches anything, which files are still exactly what the turn wrote
// (safe to restore) and which changed since: edited by the user or a later turn, deleted, or created by
// the turn and edited afterwards. Reverting those would destroy later work, so the user is asked first.
import type { FileCheckpoint } from './checkpoints';

export interface RevertPlan {
  /** Still byte-identical to what the turn wrote: restored without asking. */
  readonly unchanged: readonly FileCheckpoint[];
  /** Different from what the turn wrote (or unreadable): restoring would overwrite or remove later work. */
  readonly changed: readonly FileCheckpoint[];
  /** The turn wrote it and it is gone now: restoring would bring it back. */
  readonly missing: readonly FileCheckpoint[];
  /** Already as before the turn (e.g. a file it created that was since deleted): nothing to do. */
  readonly settled: readonly FileCheckpoint[];
}

/** `readCurrent` gives a file's bytes now, undefined when it does not exist; a throw counts as changed. */
export async function planRevert(files: readonly FileCheckpoint[], readCurrent: (absPath: string) => Promise<Uint8Array | undefined>): Promise<RevertPlan> {
  const plan = { unchanged: [] as FileCheckpoint[], changed: [] as FileCheckpoint[], missing: [] as FileCheckpoint[], settled: [] as FileCheckpoint[] };
  for (const file of files) {
    let current: Uint8Array | undefined;
    try {
      current = await readCurrent(file.absPath);
    } catch {
      // Unknown content is never overwritten unasked.
      plan.changed.push(file);
      continue;
    }
    if (sameBytes(current, file.before)) plan.settled.push(file);
    else if (current === undefined) plan.missing.push(file);
    else if (file.after !== undefined && sameBytes(current, file.after)) plan.unchanged.push(file);
    else plan.changed.push(file);
  }
  return plan;
}

export function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
