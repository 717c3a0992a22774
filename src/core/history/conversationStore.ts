// The conversation store: one JSON file per conversation in one folder (the extension's global storage),
// an index for the history list, a trash for undoable deletes, and a lock shared by every window.
//
//   <dir>/<id>.json                   a conversation (conversationFile.ts), replaced atomically
//   <dir>/index.json                  the list (historyIndex.ts), a self-healing cache
//   <dir>/<id>.corrupt-<time>.json    a file that could not be read, set aside and reported
//   <dir>/trash/<id>.<time>.json      deleted; back on Undo, purged at the next activation
//   <dir>/store.lock                  held for each read-merge-write (storeLock.ts)
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { ApiMessage } from '../claude/turnStreamer';
import type { Compaction } from '../context/compactionTypes';
import type { UsageTotals } from '../usage/usageTotals';
import { isCode, writeFileAtomic } from './atomicWrite';
import { CURRENT_SCHEMA, ConversationFormatError, NewerSchemaError, isConversationId, newConversationId, parseConversation, serializeConversation, type StoredConversation } from './conversationFile';
import { entryFor, type IndexEntry } from './historyIndex';
import { IndexFile } from './indexFile';
import { decideSave, type SaveBase } from './mergePolicy';
import { LOCK, TRASH, conversationIdOf, moveWithoutReplacing, readText } from './storeFiles';
import { RELEASED_SUFFIX, withLock, type LockOptions } from './storeLock';
import { absentOrLogged, NO_LOG, whenSettled, type Logger } from '../log';

export interface StoreOptions {
  readonly lock?: LockOptions;
  readonly now?: () => number;
  /** New ids (a fork needs one under the lock). */
  readonly newId?: () => string;
  readonly log?: Logger;
}

/** A file the store could not use. Never silent: callers show these. */
export type StoreProblem =
  | { readonly kind: 'setAside'; readonly id: string; readonly file: string; readonly reason: string }
  | { readonly kind: 'newerSchema'; readonly id: string; readonly file: string; readonly schema: number }
  /** Could not be read at all (permissions, a folder by that name…): left where it is. */
  | { readonly kind: 'unreadable'; readonly id: string; readonly file: string; readonly reason: string };

export interface HistoryListing {
  /** Newest first. */
  readonly entries: readonly IndexEntry[];
  readonly problems: readonly StoreProblem[];
}

/** What a window saves: the conversation as it has it now. */
export interface ConversationDraft {
  readonly id: string;
  /** Used only when the file is created; after that the file's title (maybe renamed) wins. */
  readonly title: string;
  readonly createdAt: number;
  readonly model?: string;
  readonly messages: readonly ApiMessage[];
  /** Leading messages that are settled; any after them are a partial answer still streaming. */
  readonly stableCount: number;
  readonly interrupted: boolean;
  readonly totals?: UsageTotals;
  readonly compactions?: readonly Compaction[];
}

export interface SaveOutcome {
  /** Differs from the draft's id when the save forked. */
  readonly id: string;
  readonly base: SaveBase;
  readonly forkedFrom?: string;
  readonly problems: readonly StoreProblem[];
}

/** A conversation that cannot be opened: gone, set aside, or from a newer version. */
export class ConversationUnavailable extends Error {
  override readonly name = 'ConversationUnavailable';
  constructor(
    readonly id: string,
    readonly problem: StoreProblem | undefined,
  ) {
    super(problem ? `conversation ${id} cannot be opened (${problem.kind})` : `conversation ${id} does not exist`);
  }
}

/** Leftovers of a writer killed mid-write (temp files, set-aside locks), removed once this old. */
const LEFTOVER_MS = 60_000;

const TRASH_TOKEN = /^([a-z0-9][a-z0-9-]{0,63})\.(\d+)$/;
/** What trash() names a trashed conversation: `<token>.json`. */
const TRASH_FILE = /^([a-z0-9][a-z0-9-]{0,63})\.(\d{1,16})\.json$/;

/** What purgeTrash() deleted, and what it could not (left in place for the next purge). */
export interface PurgeOutcome {
  readonly purged: readonly string[];
  readonly failed: readonly { readonly name: string; readonly reason: string }[];
}

export class ConversationStore {
  private readonly index: IndexFile;
  private queue: Promise<unknown> = Promise.resolve();
  private madeDir: Promise<unknown> | undefined;
  /** What the index says (as far as this window knows) about each conversation it wrote, to skip needless index writes. */
  private readonly listed = new Map<string, string>();

  constructor(
    readonly dir: string,
    private readonly options: StoreOptions = {},
  ) {
    this.index = new IndexFile(dir);
  }

  private get log(): Logger {
    return this.options.log ?? NO_LOG;
  }

  fileOf(id: string): string {
    if (!isConversationId(id) || id === 'index') throw new RangeError(`not a conversation id: ${JSON.stringify(id)}`);
    return path.join(this.dir, `${id}.json`);
  }

  /** Reads one conversation. A corrupt file is set aside and reported through the error. */
  async load(id: string): Promise<StoredConversation> {
    const problems: StoreProblem[] = [];
    const found = await this.readChecked(id, problems);
    if (!found) throw new ConversationUnavailable(id, problems[0]);
    return found;
  }

  /** Saves under the lock, merging with what other windows wrote (mergePolicy.ts). */
  async save(draft: ConversationDraft, base: SaveBase | undefined): Promise<SaveOutcome> {
    return this.locked(async () => {
      const problems: StoreProblem[] = [];
      const current = await this.readChecked(draft.id, problems, true);
      const decision = decideSave(current, draft.messages, base);
      if (decision === 'keepTheirs' && base) return { id: draft.id, base, problems };
      const fork = decision === 'fork';
      const now = this.now();
      const kept = fork ? undefined : current;
      const id = fork ? this.newId() : draft.id;
      const conversation: StoredConversation = {
        schema: CURRENT_SCHEMA,
        id,
        title: fork ? forkTitle(current?.title || draft.title) : (kept?.title ?? draft.title),
        ...(kept?.titleIsCustom ? { titleIsCustom: true } : {}),
        createdAt: fork ? now : (kept?.createdAt ?? draft.createdAt),
        updatedAt: now,
        revision: (kept?.revision ?? 0) + 1,
        ...(draft.model ? { model: draft.model } : {}),
        messages: draft.messages,
        ...(draft.interrupted ? { interrupted: true } : {}),
        ...(draft.totals ? { totals: draft.totals } : {}),
        ...(draft.compactions?.length ? { compactions: draft.compactions } : {}),
      };
      await this.write(conversation);
      return { id, base: { revision: conversation.revision, stableCount: draft.stableCount }, ...(fork ? { forkedFrom: draft.id } : {}), problems };
    });
  }

  /** A title the user chose; it sticks (later saves keep it). */
  async rename(id: string, title: string): Promise<void> {
    const clean = title.replace(/\s+/g, ' ').trim();
    if (!clean) throw new RangeError('a title cannot be empty');
    await this.locked(async () => {
      const problems: StoreProblem[] = [];
      const c = await this.readChecked(id, problems, true);
      if (!c) throw new ConversationUnavailable(id, problems[0]);
      await this.write({ ...c, title: clean, titleIsCustom: true, revision: c.revision + 1 });
    });
  }

  /** The history list, newest first. Heals the index from the files (missing, corrupt or stale). */
  async list(): Promise<HistoryListing> {
    const problems: StoreProblem[] = [];
    await fs.mkdir(this.dir, { recursive: true });
    const index = await this.index.read();
    const cached = new Map(index.entries.map((e) => [e.id, e]));
    const entries: IndexEntry[] = [];
    let changed = index.text === undefined;
    for (const name of await fs.readdir(this.dir)) {
      const id = conversationIdOf(name);
      if (!id) continue;
      // Deleted since readdir (another window): absent is expected; anything else is logged and skipped too.
      const stat = await fs.stat(path.join(this.dir, name)).catch(absentOrLogged(this.log, `Listing conversations: cannot stat ${name}`));
      if (!stat) continue;
      const entry = cached.get(id);
      cached.delete(id);
      if (entry && entry.mtimeMs === stat.mtimeMs && entry.size === stat.size) {
        entries.push(entry);
        continue;
      }
      changed = true;
      try {
        const found = await this.readChecked(id, problems);
        if (found) entries.push(entryFor(found, stat));
      } catch (error) {
        // One bad file never keeps the others from the list.
        problems.push({ kind: 'unreadable', id, file: this.fileOf(id), reason: error instanceof Error ? error.message : String(error) });
      }
    }
    if (cached.size > 0) changed = true; // files that are gone
    if (changed) await this.locked(() => this.index.writeIfUnchanged(index.text, entries));
    entries.sort((a, b) => b.updatedAt - a.updatedAt || a.id.localeCompare(b.id));
    return { entries, problems };
  }

  /** Moves a conversation to the trash; the token brings it back (untrash) until the trash is purged. */
  async trash(id: string): Promise<string> {
    return this.locked(async () => {
      const token = `${id}.${this.now()}`;
      await fs.mkdir(path.join(this.dir, TRASH), { recursive: true });
      try {
        await fs.rename(this.fileOf(id), path.join(this.dir, TRASH, `${token}.json`));
      } catch (error) {
        if (isCode(error, 'ENOENT')) throw new ConversationUnavailable(id, undefined);
        throw error;
      }
      await this.dropEntry(id);
      return token;
    });
  }

  /** Undoes trash(); returns the conversation's id. Refuses if a conversation with that id exists again. */
  async untrash(token: string): Promise<string> {
    const id = TRASH_TOKEN.exec(token)?.[1];
    if (!id) throw new RangeError(`not a trash token: ${JSON.stringify(token)}`);
    return this.locked(async () => {
      const file = this.fileOf(id);
      await moveWithoutReplacing(path.join(this.dir, TRASH, `${token}.json`), file);
      const [text, stat] = await Promise.all([fs.readFile(file, 'utf8'), fs.stat(file)]);
      await this.index.put(entryFor(parseConversation(text), stat));
      return id;
    });
  }

  /**
   * Deletes trashed conversations for good once their undo window has passed (at activation). Another
   * window's fresh delete stays undoable, so only those older than `olderThanMs` go. Only the store's own
   * trash files go: regular files named `<id>.<time>.json`. Anything else in trash/ (other names, folders,
   * symlinks) is not ours to delete and is skipped; an entry that cannot be deleted does not stop the rest.
   */
  async purgeTrash(olderThanMs: number): Promise<PurgeOutcome> {
    const dir = path.join(this.dir, TRASH);
    const names = (await fs.readdir(dir).catch(absentOrLogged(this.log, 'Purging deleted conversations: cannot list the trash'))) ?? [];
    const purged: string[] = [];
    const failed: { name: string; reason: string }[] = [];
    for (const name of names) {
      const deletedAt = Number(TRASH_FILE.exec(name)?.[2]);
      if (!Number.isSafeInteger(deletedAt) || this.now() - deletedAt < olderThanMs) continue;
      const file = path.join(dir, name);
      try {
        // lstat: a symlink is not a trash file even when it points to one.
        if (!(await fs.lstat(file)).isFile()) continue;
        await fs.rm(file);
        purged.push(name);
      } catch (error) {
        if (!isCode(error, 'ENOENT')) failed.push({ name, reason: error instanceof Error ? error.message : String(error) });
      }
    }
    return { purged, failed };
  }

  /** Removes what writers killed mid-write left behind (temp files, set-aside locks), once old enough to be dead. */
  async cleanUp(): Promise<void> {
    const names = (await fs.readdir(this.dir).catch(absentOrLogged(this.log, 'Cleaning up: cannot list the conversation folder'))) ?? [];
    const now = Date.now();
    for (const name of names) {
      if (!(name.startsWith('.') && name.endsWith('.tmp')) && !name.startsWith(`${LOCK}.stale-`) && !name.startsWith(`${LOCK}${RELEASED_SUFFIX}`)) continue;
      const file = path.join(this.dir, name);
      const stat = await fs.stat(file).catch(absentOrLogged(this.log, `Cleaning up: cannot stat ${name}`));
      if (stat && now - stat.mtimeMs > LEFTOVER_MS) await fs.rm(file, { force: true });
    }
  }

  /** Runs `fn` holding both the in-process queue and the cross-window lock. */
  locked<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      await (this.madeDir ??= fs.mkdir(this.dir, { recursive: true }));
      return withLock(path.join(this.dir, LOCK), fn, this.options.lock);
    });
    // The caller of locked() gets the failure; the queue only waits for it.
    this.queue = whenSettled(run);
    return run;
  }

  /**
   * Writes a conversation and, when what the list shows of it changed shape (new, retitled, more or fewer
   * messages, interrupted or not), its index entry. Streaming saves skip the index: list() notices the
   * file's new mtime and re-reads that one file.
   */
  private async write(conversation: StoredConversation): Promise<void> {
    const file = this.fileOf(conversation.id);
    await writeFileAtomic(file, serializeConversation(conversation));
    const shape = JSON.stringify([conversation.title, conversation.messages.length, conversation.interrupted === true]);
    if (this.listed.get(conversation.id) === shape) return;
    const stat = await fs.stat(file);
    await this.index.put(entryFor(conversation, stat));
    this.listed.set(conversation.id, shape);
  }

  /**
   * Reads and validates `<id>.json`. Undefined when it does not exist or cannot be used; a corrupt file
   * is moved aside (re-checked under the lock: it may have just been replaced) and reported.
   */
  private async readChecked(id: string, problems: StoreProblem[], haveLock = false): Promise<StoredConversation | undefined> {
    const file = this.fileOf(id);
    const read = async () => {
      const text = await readText(file);
      if (text === undefined) return undefined;
      try {
        const conversation = parseConversation(text);
        if (conversation.id !== id) throw new ConversationFormatError(`the file holds conversation ${conversation.id}`);
        return conversation;
      } catch (error) {
        if (error instanceof NewerSchemaError) {
          problems.push({ kind: 'newerSchema', id, file, schema: error.schema });
          return undefined;
        }
        if (error instanceof ConversationFormatError) return error;
        throw error;
      }
    };
    const first = await read();
    if (!(first instanceof ConversationFormatError)) return first;
    const setAside = async () => {
      const again = await read();
      if (!(again instanceof ConversationFormatError)) return again;
      const aside = path.join(this.dir, `${id}.corrupt-${this.now()}.json`);
      await fs.rename(file, aside);
      await this.dropEntry(id);
      problems.push({ kind: 'setAside', id, file: aside, reason: again.message });
      return undefined;
    };
    return haveLock ? setAside() : this.locked(setAside);
  }

  private async dropEntry(id: string): Promise<void> {
    this.listed.delete(id);
    await this.index.drop(id);
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  newId(): string {
    return this.options.newId?.() ?? newConversationId(this.now(), () => randomBytes(4).toString('hex'));
  }
}

/** The fork of a conversation another window continued differently. */
export function forkTitle(title: string): string {
  return title.endsWith(' (2)') ? title : `${title} (2)`;
}
