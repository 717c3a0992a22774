// Keeps every "Revert this turn" button disabled while a turn or compaction runs (the host refuses a
// revert then) and while a click waits for the host's answer, so one click never reverts twice.

/** The part of a button the gate touches (a plain object in unit tests). */
export interface Disableable {
  disabled: boolean;
}

export class RevertGate {
  private busy = false;
  private readonly buttons = new Map<string, Disableable>();
  private readonly waiting = new Set<string>();

  /** A turn's button (replacing an earlier one for the same turn, e.g. after a snapshot). */
  add(turnId: string, button: Disableable): void {
    this.buttons.set(turnId, button);
    this.update(turnId);
  }

  remove(turnId: string): void {
    this.buttons.delete(turnId);
    this.waiting.delete(turnId);
  }

  setBusy(busy: boolean): void {
    this.busy = busy;
    for (const turnId of this.buttons.keys()) this.update(turnId);
  }

  /** Clicked: disabled until the host reverts or declines. */
  requested(turnId: string): void {
    this.waiting.add(turnId);
    this.update(turnId);
  }

  /** The host declined (Cancel, or busy): enabled again once nothing runs. */
  answered(turnId: string): void {
    this.waiting.delete(turnId);
    this.update(turnId);
  }

  private update(turnId: string): void {
    const button = this.buttons.get(turnId);
    if (button) button.disabled = this.busy || this.waiting.has(turnId);
  }
}

/** The panel's one gate (main.ts feeds it the streaming state, turn views register their buttons). */
export const revertGate = new RevertGate();
