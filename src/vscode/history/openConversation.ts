// Which conversation this workspace's panel has open, so a reload brings it back. Kept in workspaceState
// and, because the browser workbench may not have flushed workspaceState when a page reloads, also in a
// small file in the workspace's storage folder (on disk, written atomically), which wins when present.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { writeFileAtomic } from '../../core/history/atomicWrite';
import { isConversationId } from '../../core/history/conversationFile';
import { NO_LOG, type Logger } from '../../core/log';

/** workspaceState key: the id of the conversation open in this workspace's panel. */
export const OPEN_CONVERSATION_KEY = 'claudeCompanion.openConversation';

export class OpenConversation {
  private readonly file: string | undefined;
  private writing: Promise<void> = Promise.resolve();
  private last: string | null | undefined;

  constructor(
    private readonly workspaceState: vscode.Memento,
    /** context.storageUri: undefined in a window without a folder. */
    workspaceStorage: vscode.Uri | undefined,
    private readonly log: Logger = NO_LOG,
  ) {
    this.file = workspaceStorage ? path.join(workspaceStorage.fsPath, 'open-conversation.json') : undefined;
  }

  /** The id remembered for this workspace, if any (a file saying "none" means a new chat was open). */
  async read(): Promise<string | undefined> {
    const fromFile = await this.readFile();
    const id = fromFile !== undefined ? fromFile : this.workspaceState.get<string>(OPEN_CONVERSATION_KEY);
    return typeof id === 'string' && isConversationId(id) ? id : undefined;
  }

  /** Remembers `id` (undefined: a new chat); writes only on a change, one write at a time. */
  remember(id: string | undefined): Promise<void> {
    if (this.last === (id ?? null)) return this.writing;
    this.last = id ?? null;
    this.writing = this.writing
      .then(async () => {
        await this.workspaceState.update(OPEN_CONVERSATION_KEY, id);
        if (!this.file) return;
        await fs.mkdir(path.dirname(this.file), { recursive: true });
        await writeFileAtomic(this.file, JSON.stringify({ id: id ?? null }));
      })
      .catch((error: unknown) => this.log.error('Remembering the open conversation failed', error));
    return this.writing;
  }

  /** The file's id: a string, null (nothing open), or undefined when there is no usable file. */
  private async readFile(): Promise<string | null | undefined> {
    if (!this.file) return undefined;
    try {
      const value = (JSON.parse(await fs.readFile(this.file, 'utf8')) as { id?: unknown }).id;
      return typeof value === 'string' || value === null ? value : undefined;
    } catch {
      return undefined;
    }
  }
}
