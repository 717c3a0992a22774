// Child process of crash.test.ts: saves successive versions of its conversations through the real store
// (lock, merge, atomic write, index) as fast as it can, printing "<id> <version>" after each save returns,
// until it is killed. Usage: node crashWriter.js <store dir> <lane> <conversations>
import { ConversationStore, ConversationUnavailable } from '../../../src/core/history/conversationStore';
import type { SaveBase } from '../../../src/core/history/mergePolicy';
import { versionMessages, versionOf } from './crashContent';

async function main(): Promise<void> {
  const [dir, lane, count] = process.argv.slice(2);
  if (!dir || !lane) throw new Error('usage: crashWriter <dir> <lane> <count>');
  const store = new ConversationStore(dir, { lock: { timeoutMs: 60_000 } });
  const ids = Array.from({ length: Number(count ?? 3) }, (_, i) => `${lane}-c${i}`);
  const state = new Map<string, { v: number; base: SaveBase | undefined }>();
  for (const id of ids) {
    try {
      const c = await store.load(id);
      state.set(id, { v: versionOf(c.messages), base: { revision: c.revision, stableCount: c.messages.length } });
    } catch (error) {
      if (!(error instanceof ConversationUnavailable) || error.problem) throw error;
      state.set(id, { v: 0, base: undefined });
    }
  }
  process.stdout.write('ready\n');
  for (let i = 0; ; i = (i + 1) % ids.length) {
    const id = ids[i]!;
    const s = state.get(id)!;
    const v = s.v + 1;
    const messages = versionMessages(id, v);
    const out = await store.save({ id, title: id, createdAt: 0, messages, stableCount: messages.length, interrupted: false }, s.base);
    if (out.id !== id) throw new Error(`${id} forked to ${out.id}`);
    state.set(id, { v, base: out.base });
    process.stdout.write(`${id} ${v}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`crashWriter: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(2);
});
