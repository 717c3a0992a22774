// Context the user attaches to the next message (e.g. the editor selection). Sent as a text block before
// the user's words, with the path and line range so Claude can refer back to it.

export interface Attachment {
  readonly id: string;
  /** Workspace-relative path with `/` separators. */
  readonly path: string;
  readonly startLine: number;
  readonly endLine: number;
  readonly languageId: string;
  readonly text: string;
  /** The whole file (from the `@` picker) rather than a selection: labelled by its path alone. */
  readonly wholeFile?: boolean;
}

/** Short label for the composer chip: `src/a.ts:10-20`. */
export function attachmentLabel(a: Attachment): string {
  if (a.wholeFile) return a.path;
  return a.startLine === a.endLine ? `${a.path}:${a.startLine}` : `${a.path}:${a.startLine}-${a.endLine}`;
}

/** The text block that carries an attachment to the model. */
export function attachmentBlock(a: Attachment): { type: 'text'; text: string } {
  const fence = a.text.includes('```') ? '````' : '```';
  const what = a.wholeFile ? `The file ${a.path} (${a.endLine} lines)` : `Selected code from ${attachmentLabel(a)}`;
  return { type: 'text', text: `${what}:\n${fence}${a.languageId}\n${a.text}\n${fence}` };
}

export class PendingAttachments {
  private items: Attachment[] = [];
  private nextId = 1;

  add(a: Omit<Attachment, 'id'>): Attachment {
    const item = { ...a, id: `a${this.nextId++}` };
    this.items.push(item);
    return item;
  }

  remove(id: string): void {
    this.items = this.items.filter((a) => a.id !== id);
  }

  list(): readonly Attachment[] {
    return this.items;
  }

  /** Hands the attachments to a message and clears them. */
  take(): readonly Attachment[] {
    const taken = this.items;
    this.items = [];
    return taken;
  }
}
