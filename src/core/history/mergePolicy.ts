// What a save does when the file on disk may have moved on since this window last read or wrote it
// (another window continued the same conversation). Decided under the store lock, from the file as it is
// now. Nothing anyone wrote is ever dropped:
//   - the file is still at the revision we last saw, or gone: write ours (our own partial answer from
//     the previous save may be replaced, it was ours);
//   - it moved on, but one side only extends the other after the part both had: keep the longer;
//   - both added different turns after the common part: fork. Ours goes to a new conversation and the
//     other window's file stays exactly as it wrote it. (Appending both lines of thought into one
//     history would show each window questions it never asked, and interleave two tool loops.)
import type { ApiMessage } from '../claude/turnStreamer';

/** What this window knew of the file when it last read or wrote it. */
export interface SaveBase {
  readonly revision: number;
  /** Leading messages of that version that were settled (not a streaming partial). */
  readonly stableCount: number;
}

export type SaveDecision = 'write' | 'keepTheirs' | 'fork';

export function decideSave(current: { readonly revision: number; readonly messages: readonly ApiMessage[] } | undefined, ours: readonly ApiMessage[], base: SaveBase | undefined): SaveDecision {
  if (!current) return 'write';
  if (!base) return 'fork'; // a new conversation whose id is taken: never write over it
  if (current.revision === base.revision) return 'write';
  const stable = base.stableCount;
  if (current.messages.length < stable || ours.length < stable || !sameMessages(current.messages, ours, 0, stable)) return 'fork';
  const theirsNew = current.messages.length - stable;
  const oursNew = ours.length - stable;
  if (oursNew <= theirsNew) return sameMessages(current.messages, ours, stable, ours.length) ? 'keepTheirs' : 'fork';
  return sameMessages(current.messages, ours, stable, current.messages.length) ? 'write' : 'fork';
}

function sameMessages(a: readonly ApiMessage[], b: readonly ApiMessage[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (a[i] !== b[i] && JSON.stringify(a[i]) !== JSON.stringify(b[i])) return false;
  return true;
}
