// Two processes (two VS Code windows) appending turns to the same store at the same time, to one shared
// conversation and to one of their own each: nothing either of them wrote is lost. Where both continued
// the shared conversation differently, the later one's turns go to a fork (mergePolicy.ts), which holds
// its whole line of the conversation.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { ConversationStore } from '../../../src/core/history/conversationStore';
import { exchange, draft, tempDir } from './helpers';

const TURNS = 15;

interface WriterResult {
  readonly shared: string;
  readonly own: string;
  readonly forks: number;
  readonly errors: readonly string[];
}

function runWriter(dir: string, name: string): Promise<WriterResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, 'appendWriter.js'), dir, name, String(TURNS)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as WriterResult) : reject(new Error(`writer ${name} exited ${code}: ${err}`))));
  });
}

const questions = (messages: readonly { role: string; content: unknown }[]) => messages.filter((m) => m.role === 'user').map((m) => String(m.content));

describe('two processes saving to one store at once', () => {
  it('lose no turn, in a shared conversation or in their own', async function () {
    this.timeout(120_000);
    const dir = tempDir('cc-concurrent-');
    const store = new ConversationStore(dir);
    await store.save(draft('shared-1', exchange('seed question', 'seed answer')), undefined);
    const [a, b] = await Promise.all([runWriter(dir, 'A'), runWriter(dir, 'B')]);
    assert.deepEqual([...a.errors, ...b.errors], []);
    for (const [name, result] of [['A', a], ['B', b]] as const) {
      const own = await store.load(result.own);
      assert.deepEqual(questions(own.messages), Array.from({ length: TURNS }, (_, i) => `${name} own q${i}`), `${name}'s own conversation`);
      assert.equal(own.messages.length, TURNS * 2);
      // Its line of the shared conversation: the seed, then every one of its questions with its answer.
      const line = await store.load(result.shared);
      const mine = Array.from({ length: TURNS }, (_, i) => `${name} shared q${i}`);
      const asked = questions(line.messages);
      assert.equal(asked[0], 'seed question');
      assert.deepEqual(asked.filter((q) => q.startsWith(`${name} `)), mine, `${name}'s line of the shared conversation has all its turns in order`);
      // Each of its questions is followed by its answer. (The line may start with some of the other
      // process's turns, even a question still awaiting its answer: what was on disk when it opened.)
      line.messages.forEach((m, i) => {
        if (m.role === 'user' && String(m.content).startsWith(`${name} `)) assert.deepEqual(line.messages[i + 1], { role: 'assistant', content: [{ type: 'text', text: `answer to ${String(m.content)}` }] });
      });
    }
    assert.notEqual(a.shared === 'shared-1' && b.shared === 'shared-1', true, 'both cannot have continued the same file differently');
    const { entries, problems } = await store.list();
    assert.deepEqual(problems, []);
    const ids = new Set(entries.map((e) => e.id));
    for (const id of [a.own, b.own, a.shared, b.shared, 'shared-1']) assert.ok(ids.has(id), `${id} is listed`);
    console.log(`      forks: A ${a.forks}, B ${b.forks}; ${entries.length} conversations`);
  });
});
