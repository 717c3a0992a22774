// Reading and updating `index.json` (historyIndex.ts has its format). Updates happen under the store lock;
// a missing or corrupt index is rebuilt from the conversation files on the spot.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from './atomicWrite';
import { parseConversation } from './conversationFile';
import { entryFor, parseIndex, serializeIndex, type IndexEntry } from './historyIndex';
import { INDEX, conversationIdOf, readText } from './storeFiles';

export class IndexFile {
  readonly path: string;

  constructor(private readonly dir: string) {
    this.path = path.join(dir, INDEX);
  }

  /** The raw text (to detect concurrent changes) and the entries it holds (none if missing or corrupt). */
  async read(): Promise<{ text: string | undefined; entries: readonly IndexEntry[] }> {
    const text = await readText(this.path);
    return { text, entries: text === undefined ? [] : (parseIndex(text)?.entries ?? []) };
  }

  async put(entry: IndexEntry): Promise<void> {
    const entries = await this.entries();
    entries.set(entry.id, entry);
    await this.write(entries.values());
  }

  async drop(id: string): Promise<void> {
    const entries = await this.entries();
    if (entries.delete(id)) await this.write(entries.values());
  }

  /** Writes `entries` unless another window changed the index since it read `before` (its version stays). */
  async writeIfUnchanged(before: string | undefined, entries: readonly IndexEntry[]): Promise<void> {
    if ((await readText(this.path)) === before) await this.write(entries);
  }

  private write(entries: Iterable<IndexEntry>): Promise<void> {
    return writeFileAtomic(this.path, serializeIndex(entries));
  }

  /** The entries by id; rebuilt from the readable conversation files when the index is missing or corrupt. */
  private async entries(): Promise<Map<string, IndexEntry>> {
    const text = await readText(this.path);
    const index = text === undefined ? undefined : parseIndex(text);
    if (index) return new Map(index.entries.map((e) => [e.id, e]));
    const entries = new Map<string, IndexEntry>();
    for (const name of await fs.readdir(this.dir)) {
      const id = conversationIdOf(name);
      if (!id) continue;
      const file = path.join(this.dir, name);
      try {
        const [content, stat] = await Promise.all([fs.readFile(file, 'utf8'), fs.stat(file)]);
        entries.set(id, entryFor(parseConversation(content), stat));
      } catch {
        // The store's list() sets an unreadable file aside and reports it.
      }
    }
    return entries;
  }
}
