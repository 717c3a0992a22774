// The recorder with a real ChatSession and a real store in a temp folder: what is on disk while an
// answer streams, when it ends, after Stop, New Chat, deactivation, and when two windows share a file.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { ChatSession } from '../../../src/core/chat/chatSession';
import { Transcript } from '../../../src/core/chat/transcript';
import type { TurnResult } from '../../../src/core/claude/streamEvents';
import { TurnFailure, type ApiMessage, type TurnRequest } from '../../../src/core/claude/turnStreamer';
import { ConversationRecorder } from '../../../src/core/history/conversationRecorder';
import { ConversationStore } from '../../../src/core/history/conversationStore';
import type { HostToWebview } from '../../../src/shared/protocol';
import { tempDir } from './helpers';

const USAGE = { inputTokens: 10, outputTokens: 3, cacheReadTokens: 0, cacheWriteTokens: 0, cacheWrite1hTokens: 0, thinkingTokens: 0 };

function result(text: string): TurnResult {
  return { messageId: 'm', model: 'claude-sonnet-5-5', content: [{ type: 'text', text }], stopReason: 'end_turn', usage: USAGE };
}

/** A streamed answer the test drives: `say` sends text, `end` finishes it, a Stop rejects it. */
class Answer {
  private req!: TurnRequest;
  private resolve!: (r: TurnResult) => void;
  private reject!: (e: unknown) => void;
  private text = '';
  readonly started: Promise<void>;
  private onStart!: () => void;

  constructor() {
    this.started = new Promise((r) => (this.onStart = r));
  }

  run = (req: TurnRequest): Promise<TurnResult> => {
    this.req = req;
    req.signal.addEventListener('abort', () => this.reject(new TurnFailure({ kind: 'aborted', title: 'Stopped', detail: '', actions: [] }, true)));
    req.onEvent({ type: 'messageStart', messageId: 'm', model: 'claude-sonnet-5-5' });
    req.onEvent({ type: 'blockStart', index: 0, kind: 'text' });
    const done = new Promise<TurnResult>((resolve, reject) => ((this.resolve = resolve), (this.reject = reject)));
    this.onStart();
    return done;
  };

  say(text: string): void {
    this.text += text;
    this.req.onEvent({ type: 'textDelta', index: 0, text });
  }

  end(): void {
    this.req.onEvent({ type: 'blockStop', index: 0 });
    this.resolve(result(this.text));
  }

  fail(): void {
    this.reject(new TurnFailure({ kind: 'overloaded', title: 'Overloaded', detail: '', actions: ['retry'] }, false));
  }
}

type Script = Answer | string;

function window(dir: string, scripts: Script[], throttleMs = 30) {
  const store = new ConversationStore(dir);
  const ids: (string | undefined)[] = [];
  const forks: { from: string; to: string }[] = [];
  const errors: unknown[] = [];
  const recorder = new ConversationRecorder(store, { onCurrentId: (id) => ids.push(id), onForked: (f) => forks.push(f), onError: (e) => errors.push(e) }, { throttleMs, retryMs: 50 });
  const requests: ApiMessage[][] = [];
  const posted: HostToWebview[] = [];
  const session = new ChatSession(
    {
      client: {
        streamTurn: async (req) => {
          requests.push(structuredClone([...req.messages]));
          const next = scripts.shift();
          if (next === undefined) throw new Error('no script');
          if (typeof next === 'string') return result(next);
          return next.run(req);
        },
      },
      currentModel: () => 'claude-sonnet-5-5',
      hasApiKey: async () => true,
      onChanged: recorder.observe,
    },
    (m) => posted.push(m),
  );
  return { store, recorder, session, ids, forks, errors, requests, posted };
}

/** Polls until `probe` returns a value (files are written asynchronously). */
async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function onlyConversation(store: ConversationStore) {
  const { entries } = await store.list();
  assert.equal(entries.length, 1, `one conversation, found ${entries.length}`);
  return store.load(entries[0]!.id);
}

/** Every tool_use is answered by a tool_result in the next message (what the API requires). */
function assertValidHistory(messages: readonly ApiMessage[]): void {
  messages.forEach((m, i) => {
    if (m.role !== 'assistant' || typeof m.content === 'string') return;
    const uses = m.content.filter((b) => (b as { type: string }).type === 'tool_use').map((b) => (b as { id: string }).id);
    if (!uses.length) return;
    const next = messages[i + 1];
    const results = next && Array.isArray(next.content) ? next.content.map((b) => (b as { tool_use_id?: string }).tool_use_id) : [];
    for (const id of uses) assert.ok(results.includes(id), `tool_use ${id} in message ${i} has no result`);
  });
}

describe('conversation recorder', () => {
  it('an empty chat writes nothing; the first question creates the file before the answer ends', async () => {
    const dir = tempDir();
    const answer = new Answer();
    const w = window(dir, [answer]);
    w.session.newChat();
    await w.recorder.flush();
    assert.deepEqual((await w.store.list()).entries, []);
    const done = w.session.send('Where is the parser?');
    await answer.started;
    const first = await until('the question on disk', async () => (await w.store.list()).entries[0]);
    assert.equal(first.title, 'Where is the parser?');
    const stored = await w.store.load(first.id);
    assert.deepEqual(stored.messages, [{ role: 'user', content: 'Where is the parser?' }]);
    assert.equal(stored.interrupted, true, 'no answer yet');
    assert.equal(w.recorder.currentId, first.id);
    // The file (and its index entry) is on disk a moment before the save resolves and reports the id.
    await until('the new id reported', () => (w.ids.includes(first.id) ? true : undefined));
    assert.deepEqual(w.ids, [undefined, undefined, first.id]);
    answer.end();
    await done;
  });

  it('saves a streaming answer every throttle interval (partial, interrupted) and the final one at the end', async () => {
    const dir = tempDir();
    const answer = new Answer();
    const w = window(dir, [answer], 40);
    const done = w.session.send('Explain');
    await answer.started;
    answer.say('Part one. ');
    const partial = await until('the partial answer on disk', async () => {
      const c = (await w.store.list()).entries[0];
      const stored = c && (await w.store.load(c.id));
      return stored && stored.messages.length === 2 ? stored : undefined;
    });
    assert.deepEqual(partial.messages[1], { role: 'assistant', content: [{ type: 'text', text: 'Part one. ' }] });
    assert.equal(partial.interrupted, true);
    answer.say('Part two.');
    answer.end();
    await done;
    await w.recorder.flush();
    const final = await onlyConversation(w.store);
    assert.deepEqual(final.messages.at(-1), { role: 'assistant', content: [{ type: 'text', text: 'Part one. Part two.' }] });
    assert.equal(final.interrupted, undefined);
    assert.equal(final.totals?.requests, 1);
    assert.equal(final.model, 'claude-sonnet-5-5');
  });

  it('throttles: many deltas make few writes', async () => {
    const dir = tempDir();
    const answer = new Answer();
    const w = window(dir, [answer], 200);
    const done = w.session.send('q');
    await answer.started;
    const file = await until('file', async () => (await w.store.list()).entries[0]?.id);
    let writes = 0;
    let last = fs.statSync(w.store.fileOf(file)).mtimeMs;
    const t0 = Date.now();
    while (Date.now() - t0 < 500) {
      answer.say('x');
      await new Promise((r) => setTimeout(r, 5));
      const m = fs.statSync(w.store.fileOf(file)).mtimeMs;
      if (m !== last) writes++;
      last = m;
    }
    answer.end();
    await done;
    assert.ok(writes >= 1 && writes <= 4, `${writes} writes in 500 ms with a 200 ms throttle`);
  });

  it('Stop keeps the partial answer in the file; deactivation mid-answer leaves it interrupted', async () => {
    const dir = tempDir();
    const stopped = new Answer();
    const cut = new Answer();
    const w = window(dir, [stopped, cut]);
    const one = w.session.send('first');
    await stopped.started;
    stopped.say('half an answer');
    w.session.stop();
    await one;
    await w.recorder.flush();
    let c = await onlyConversation(w.store);
    assert.deepEqual(c.messages.at(-1), { role: 'assistant', content: [{ type: 'text', text: 'half an answer' }] });
    assert.equal(c.interrupted, undefined);

    const two = w.session.send('second');
    await cut.started;
    cut.say('cut off');
    await w.recorder.flush({ close: true }); // deactivate()
    w.session.stop(); // the view's dispose, after deactivate
    await two;
    // Any write the stop set off is on the recorder's save chain, and flush waits for that chain.
    await w.recorder.flush();
    c = await onlyConversation(w.store);
    assert.deepEqual(c.messages.slice(-2), [
      { role: 'user', content: 'second' },
      { role: 'assistant', content: [{ type: 'text', text: 'cut off' }] },
    ]);
    assert.equal(c.interrupted, true, 'still interrupted: nothing after deactivation is written');
  });

  it('a failed answer is saved as awaiting an answer (interrupted), so Retry is offered on restore', async () => {
    const dir = tempDir();
    const failing = new Answer();
    const w = window(dir, [failing]);
    const done = w.session.send('q');
    await failing.started;
    failing.say('Hel');
    failing.fail();
    await done;
    await w.recorder.flush();
    const c = await onlyConversation(w.store);
    assert.deepEqual(c.messages, [{ role: 'user', content: 'q' }]);
    assert.equal(c.interrupted, true);
  });

  it('New Chat mid-answer: the old conversation is finished in its own file, the new one gets another', async () => {
    const dir = tempDir();
    const old = new Answer();
    const w = window(dir, [old, 'fresh answer']);
    const pending = w.session.send('old question');
    await old.started;
    old.say('old partial');
    w.session.newChat();
    await pending;
    assert.equal(w.recorder.currentId, undefined);
    await w.session.send('new question');
    await w.recorder.flush();
    const { entries } = await w.store.list();
    assert.equal(entries.length, 2);
    const byTitle = new Map(entries.map((e) => [e.title, e.id]));
    const oldC = await w.store.load(byTitle.get('old question')!);
    assert.deepEqual(oldC.messages.at(-1), { role: 'assistant', content: [{ type: 'text', text: 'old partial' }] });
    const newC = await w.store.load(byTitle.get('new question')!);
    assert.deepEqual(newC.messages, [{ role: 'user', content: 'new question' }, { role: 'assistant', content: [{ type: 'text', text: 'fresh answer' }] }]);
    assert.equal(w.recorder.currentId, newC.id);
  });

  it('an opened conversation continues in the same file, with its totals and compactions', async () => {
    const dir = tempDir();
    const a = window(dir, ['A1']);
    await a.session.send('Q1');
    await a.recorder.flush();
    const id = a.recorder.currentId!;
    a.session.newChat();
    // Another conversation field the compaction feature keeps on the transcript.
    const stored = await a.store.load(id);
    const compactions = [{ summary: 'S', throughMessage: 1, model: 'claude-haiku-5-5', createdAt: 1 }];
    const b = window(dir, ['A2']);
    await b.recorder.open({ ...stored, compactions }, (m, extra) => b.session.load(m, extra));
    assert.equal(b.recorder.currentId, id);
    assert.equal((await b.session.snapshot()).totals.requests, 1, 'the cost so far comes back');
    await b.session.send('Q2');
    await b.recorder.flush();
    const after = await b.store.load(id);
    assert.equal(after.messages.length, 4);
    assert.equal(after.revision, stored.revision + 2);
    assert.deepEqual(after.compactions, compactions);
    assert.equal(after.totals?.requests, 2);
    assert.equal((await b.store.list()).entries.length, 1);
  });

  it('two windows continue the same conversation differently: nothing is lost, the second forks', async () => {
    const dir = tempDir();
    const seed = window(dir, ['A1']);
    await seed.session.send('Q1');
    await seed.recorder.flush();
    const id = seed.recorder.currentId!;
    const stored = await seed.store.load(id);
    const a = window(dir, ['from A']);
    const b = window(dir, ['from B']);
    await a.recorder.open(stored, (m, e) => a.session.load(m, e));
    await b.recorder.open(stored, (m, e) => b.session.load(m, e));
    await a.session.send('A asks');
    await a.recorder.flush();
    await b.session.send('B asks');
    await b.recorder.flush();
    assert.equal(b.forks.length, 1);
    assert.equal(b.forks[0]!.from, id);
    const forkId = b.forks[0]!.to;
    assert.equal(b.recorder.currentId, forkId);
    const original = await a.store.load(id);
    const fork = await a.store.load(forkId);
    assert.deepEqual(original.messages.slice(2).map((m) => m.content), ['A asks', [{ type: 'text', text: 'from A' }]]);
    assert.deepEqual(fork.messages.slice(2).map((m) => m.content), ['B asks', [{ type: 'text', text: 'from B' }]]);
    assert.deepEqual(a.errors, []);
    assert.deepEqual(b.errors, []);
  });
});

describe('restoring an interrupted conversation', () => {
  it('marks a partial answer as interrupted with Continue; the history stays as stored', () => {
    const messages: ApiMessage[] = [{ role: 'user', content: 'q' }, { role: 'assistant', content: [{ type: 'text', text: 'half' }] }];
    const t = Transcript.restore(messages, { interrupted: true });
    const snap = t.snapshot(false, true, 'm');
    const last = snap.turns.at(-1)!;
    assert.equal(last.role, 'assistant');
    assert.equal(last.status, 'stopped');
    assert.equal(last.endNotice?.reason, 'interrupted');
    assert.deepEqual(last.endNotice?.actions, ['continue']);
    assert.deepEqual(t.apiMessages(), messages);
  });

  it('with no answer at all, adds an interrupted answer offering Retry, and Retry asks again', async () => {
    const w = window(tempDir(), ['the answer']);
    await w.session.load([{ role: 'user', content: 'q' }], { interrupted: true });
    const snap = await w.session.snapshot();
    assert.deepEqual(snap.turns.map((t) => t.role), ['user', 'assistant']);
    assert.deepEqual(snap.turns[1]!.endNotice?.actions, ['retry']);
    await w.session.retry();
    assert.deepEqual(w.requests[0], [{ role: 'user', content: 'q' }]);
  });

  it('a streaming agent turn is saved without its unfinished tool call: the history stays valid', () => {
    const t = new Transcript();
    t.addUserTurn('fix it');
    const turn = t.addAssistantTurn('m');
    const use = { type: 'tool_use', id: 'tu_1', name: 'read_file', input: { path: 'a.ts' } };
    t.appendMessages([{ role: 'assistant', content: [{ type: 'text', text: 'Reading.' }, use] }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'tu_1', content: 'x' }] }]);
    turn.blocks.push({ kind: 'text', text: 'Reading.', done: true }, { kind: 'tool_use', text: '{}', done: true, toolName: 'read_file' });
    turn.committedBlocks = 2;
    // The second request is streaming: some text, then a tool call whose input is still arriving.
    turn.blocks.push({ kind: 'thinking', text: 'hmm', done: true }, { kind: 'text', text: 'Now editing.', done: true }, { kind: 'tool_use', text: '{"pa', done: false, toolName: 'edit_file' });
    const state = t.persistedState();
    assert.equal(state.stableCount, 3);
    assert.equal(state.interrupted, true);
    assert.deepEqual(state.messages.at(-1), { role: 'assistant', content: [{ type: 'text', text: 'Now editing.' }] });
    assertValidHistory(state.messages);
    const restored = Transcript.restore(state.messages, { interrupted: true });
    assert.equal(restored.snapshot(false, true, 'm').turns.at(-1)?.endNotice?.reason, 'interrupted');
  });

  it('keeps compactions given to restore in the public field', () => {
    const compactions = [{ summary: 'S', throughMessage: 2, model: 'claude-haiku-5-5', createdAt: 3 }];
    assert.deepEqual(Transcript.restore([], { compactions }).compactions, compactions);
    assert.deepEqual(Transcript.restore([]).compactions, []);
  });
});
