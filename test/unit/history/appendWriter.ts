// Child process of concurrency.test.ts: one "window" (ChatSession + recorder on the shared store) that
// keeps asking questions in a shared conversation and in one of its own, saving after each. Prints
// {"shared": id, "own": id, "forks": n, "errors": [...]} at the end.
// Usage: node appendWriter.js <store dir> <name> <turns>
import { ChatSession } from '../../../src/core/chat/chatSession';
import { ConversationRecorder } from '../../../src/core/history/conversationRecorder';
import { ConversationStore } from '../../../src/core/history/conversationStore';

const USAGE = { inputTokens: 1, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0, cacheWrite1hTokens: 0, thinkingTokens: 0 };

function openWindow(store: ConversationStore, errors: string[]) {
  let forks = 0;
  const recorder = new ConversationRecorder(store, { onForked: () => forks++, onError: (e) => errors.push(String(e)), onProblem: (p) => errors.push(JSON.stringify(p)) }, { throttleMs: 10, retryMs: 20 });
  const session = new ChatSession(
    {
      client: {
        streamTurn: async (req) => {
          const question = String(req.messages.at(-1)?.content);
          return { messageId: 'm', model: 'claude-sonnet-5-5', content: [{ type: 'text', text: `answer to ${question}` }], stopReason: 'end_turn', usage: USAGE };
        },
      },
      currentModel: () => 'claude-sonnet-5-5',
      hasApiKey: async () => true,
      onChanged: recorder.observe,
    },
    () => undefined,
  );
  return { recorder, session, forks: () => forks };
}

async function main(): Promise<void> {
  const [dir, name, turns] = process.argv.slice(2);
  if (!dir || !name) throw new Error('usage: appendWriter <dir> <name> <turns>');
  const store = new ConversationStore(dir, { lock: { timeoutMs: 60_000 } });
  const errors: string[] = [];
  const shared = openWindow(store, errors);
  const own = openWindow(store, errors);
  await shared.recorder.open(await store.load('shared-1'), (m, e) => shared.session.load(m, e));
  for (let i = 0; i < Number(turns); i++) {
    await shared.session.send(`${name} shared q${i}`);
    await shared.recorder.flush();
    await own.session.send(`${name} own q${i}`);
    await own.recorder.flush();
    await new Promise((r) => setTimeout(r, Math.random() * 3));
  }
  process.stdout.write(`${JSON.stringify({ shared: shared.recorder.currentId, own: own.recorder.currentId, forks: shared.forks() + own.forks(), errors })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`appendWriter: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(2);
});
