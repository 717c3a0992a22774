// Turn ids for the whole window. The panel routes every streamed message by turn id, so an id must never
// name two turns while the window is open: not in a new chat, not in a conversation loaded from history
// (stored conversations keep no ids; their turns get new ones when loaded).
import type { NewTurnId } from './turnTypes';

export class TurnIds {
  private next = 1;

  constructor(private readonly prefix = 't') {}

  readonly take: NewTurnId = () => `${this.prefix}${this.next++}`;
}

/** The one source every transcript in this extension host draws from unless told otherwise. */
export const windowTurnIds = new TurnIds();
