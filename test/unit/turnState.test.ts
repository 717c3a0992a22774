// Turn state with one owner: a run (an answer or a compaction) belongs to the conversation it started on.
// Once New Chat or a load replaced that conversation, nothing the run still emits reaches the panel, turn
// ids never repeat while the window is open, one run at a time (answering or compacting), and Retry
// repeats what the failed run answered with.
import assert from 'node:assert/strict';
import { DEFAULT_LIMITS } from '../../src/core/agent/agentTypes';
import type { AgentHooks } from '../../src/core/chat/agentTurn';
import { ChatSession } from '../../src/core/chat/chatSession';
import type { CustomAnswer } from '../../src/core/chat/customTurn';
import type { FileCheckpoint } from '../../src/core/chat/checkpoints';
import type { RevertPort } from '../../src/core/chat/turnRevert';
import type { TurnResult } from '../../src/core/claude/streamEvents';
import { TurnFailure, type TurnRequest } from '../../src/core/claude/turnStreamer';
import type { Compactor, Prepared, PrepareRequest } from '../../src/core/context/compactor';
import type { HostToWebview } from '../../src/shared/protocol';
import { deferred, done, stubContext, tool, type Deferred } from './agent/agentHarness';

type Script = (req: TurnRequest) => Promise<TurnResult>;

const USAGE = { inputTokens: 10, outputTokens: 3, cacheReadTokens: 0, cacheWriteTokens: 0, cacheWrite1hTokens: 0, thinkingTokens: 0 };
const MODEL = 'claude-sonnet-5-5';

function result(content: TurnResult['content'], stopReason = 'end_turn'): TurnResult {
  return { messageId: 'msg_1', model: MODEL, content, stopReason, usage: USAGE };
}

function answer(text: string): Script {
  return async (req) => {
    req.onEvent({ type: 'blockStart', index: 0, kind: 'text' });
    req.onEvent({ type: 'textDelta', index: 0, text });
    req.onEvent({ type: 'blockStop', index: 0 });
    return result([{ type: 'text', text }]);
  };
}

/** A stored conversation with an answer at every position an old turn's id could land on. */
const STORED = [
  { role: 'user', content: 'stored question one' },
  { role: 'assistant', content: [{ type: 'text', text: 'stored answer one' }] },
  { role: 'user', content: 'stored question two' },
  { role: 'assistant', content: [{ type: 'text', text: 'stored answer two' }] },
] as const;

interface Options {
  readonly agent?: () => Promise<AgentHooks>;
  readonly compactor?: Compactor;
  readonly revert?: RevertPort;
}

function setup(scripts: Script[], options: Options = {}) {
  const posted: HostToWebview[] = [];
  const requests: TurnRequest[] = [];
  const streaming: boolean[] = [];
  const session = new ChatSession(
    {
      client: {
        streamTurn: (req) => {
          requests.push(req);
          const next = scripts.shift();
          if (!next) throw new Error('no script');
          return next(req);
        },
      },
      currentModel: () => MODEL,
      hasApiKey: async () => true,
      onStreamingChanged: (s) => streaming.push(s),
      ...(options.agent ? { agent: options.agent } : {}),
      ...(options.compactor ? { compactor: options.compactor } : {}),
      ...(options.revert ? { revert: options.revert } : {}),
    },
    (m) => posted.push(m),
  );
  return { session, posted, requests, streaming };
}

/** Messages that change a turn the panel shows. */
const turnMessages = (posted: readonly HostToWebview[]) => posted.filter((m) => 'turnId' in m || m.type === 'turnAdded');

const bytes = (text: string) => new TextEncoder().encode(text);

/**
 * An agent whose one tool waits for `gate` (and ignores Stop, as a slow disk would); with `writes`, it
 * then writes that file (recording the checkpoint "Revert this turn" restores).
 */
function slowToolAgent(gate: Deferred<void>, entered: Deferred<void>, writes?: string): () => Promise<AgentHooks> {
  const wait = tool('wait', 'write', async (_input, ctx) => {
    entered.resolve();
    await gate.promise;
    if (writes) {
      await ctx.checkpoints.beforeWrite(writes, bytes('before'));
      await ctx.checkpoints.afterWrite(writes, bytes('after'));
    }
    return done('waited');
  });
  return async () => ({
    tools: () => [wait],
    createContext: (signal, parts) => ({ ...stubContext(signal), ...parts }),
    limits: () => DEFAULT_LIMITS,
    approvals: { requestApproval: async () => ({ approved: false }) } as unknown as AgentHooks['approvals'],
    autoApproveReads: () => true,
    confirmRead: async () => true,
  });
}

const callsWait: Script = async (req) => {
  req.onEvent({ type: 'messageStart', messageId: 'msg_1', model: MODEL });
  req.onEvent({ type: 'blockStart', index: 0, kind: 'tool_use', toolName: 'wait' });
  req.onEvent({ type: 'toolInputDelta', index: 0, partialJson: '{}' });
  req.onEvent({ type: 'blockStop', index: 0 });
  return result([{ type: 'tool_use', id: 'tu_wait', name: 'wait', input: {} }], 'tool_use');
};

describe('Turn state: a run belongs to the conversation it started on', () => {
  it('a late delta and turnEnded from an answer aborted by a load never reach the loaded conversation', async () => {
    const release = deferred();
    const streamed = deferred();
    const { session, posted } = setup([
      async (req) => {
        req.onEvent({ type: 'blockStart', index: 0, kind: 'text' });
        req.onEvent({ type: 'textDelta', index: 0, text: 'early ' });
        streamed.resolve();
        // A stream that has not noticed the abort yet: more text, then it ends.
        await release.promise;
        req.onEvent({ type: 'textDelta', index: 0, text: 'LATE TEXT' });
        req.onEvent({ type: 'blockStop', index: 0 });
        return result([{ type: 'text', text: 'early LATE TEXT' }]);
      },
    ]);
    const old = session.send('a long question');
    await streamed.promise;
    await session.load(STORED);
    const loaded = await session.snapshot();
    const mark = posted.length;
    release.resolve();
    await old;
    await session.idle();
    assert.deepEqual(turnMessages(posted.slice(mark)), [], 'nothing about the old turn is posted after the load');
    assert.ok(!posted.slice(mark).some((m) => JSON.stringify(m).includes('LATE TEXT')));
    assert.deepEqual(await session.snapshot(), loaded, 'the loaded conversation is unchanged');
    assert.equal(session.streaming, false);
  });

  it('a late toolUpdate and turnEnded from an agent turn aborted by a load never reach the loaded conversation', async () => {
    const gate = deferred();
    const entered = deferred();
    const { session, posted } = setup([callsWait], { agent: slowToolAgent(gate, entered) });
    const old = session.send('use the slow tool');
    await entered.promise;
    assert.ok(posted.some((m) => m.type === 'toolUpdate'), 'the tool card shows it running');
    await session.load(STORED);
    const loaded = await session.snapshot();
    const mark = posted.length;
    gate.resolve();
    await old;
    await session.idle();
    assert.deepEqual(turnMessages(posted.slice(mark)), [], 'no toolUpdate or turnEnded after the load');
    assert.deepEqual(await session.snapshot(), loaded);
  });

  it('a file the aborted turn writes after a load can never be reverted from the loaded conversation', async () => {
    const gate = deferred();
    const entered = deferred();
    const restored: (readonly FileCheckpoint[])[] = [];
    const revert: RevertPort = {
      readCurrent: async () => bytes('after'),
      confirmChanged: async () => true,
      restore: async (files) => (restored.push(files), `restored ${files.length}`),
    };
    const { session, posted } = setup([callsWait], { agent: slowToolAgent(gate, entered, '/w/late.ts'), revert });
    const old = session.send('write late');
    await entered.promise;
    await session.load(STORED);
    const mark = posted.length;
    gate.resolve();
    await old;
    await session.idle();
    assert.ok(!posted.slice(mark).some((m) => m.type === 'turnEnded' && m.canRevert), 'no Revert button appears on a loaded turn');
    for (const turn of (await session.snapshot()).turns) assert.equal(await session.revertTurn(turn.id), undefined);
    assert.deepEqual(restored, [], 'nothing was reverted');
  });

  it('New Chat during an answer: the old answer ending later posts nothing into the new chat', async () => {
    const release = deferred();
    const streamed = deferred();
    const { session, posted } = setup([
      async (req) => {
        req.onEvent({ type: 'blockStart', index: 0, kind: 'text' });
        streamed.resolve();
        await release.promise;
        req.onEvent({ type: 'textDelta', index: 0, text: 'late' });
        return result([{ type: 'text', text: 'late' }]);
      },
    ]);
    const old = session.send('question');
    await streamed.promise;
    session.newChat();
    const mark = posted.length;
    release.resolve();
    await old;
    assert.deepEqual(turnMessages(posted.slice(mark)), []);
    assert.deepEqual((await session.snapshot()).turns, []);
  });

  it('a turn started right after a load is not ended, nor its state cleared, by the old run finishing', async () => {
    const release = deferred();
    const streamed = deferred();
    const second = deferred();
    const { session, requests } = setup([
      async () => {
        streamed.resolve();
        await release.promise;
        return result([{ type: 'text', text: 'old' }]);
      },
      (req) =>
        new Promise<TurnResult>((_resolve, reject) => {
          second.resolve();
          req.signal.addEventListener('abort', () => reject(new TurnFailure({ kind: 'aborted', title: 'Stopped', detail: '', actions: [] }, true)));
        }),
    ]);
    const old = session.send('old question');
    await streamed.promise;
    await session.load(STORED);
    assert.equal(session.state, 'idle', 'the loaded conversation is not busy with the old answer');
    const fresh = session.send('new question');
    await second.promise;
    assert.equal(requests.length, 2, 'the new question was sent at once');
    release.resolve();
    await old;
    assert.equal(session.state, 'answering', 'the old run ending did not end the new one');
    assert.equal(session.streaming, true);
    session.stop();
    await fresh;
    assert.equal(session.state, 'idle');
    const turns = (await session.snapshot()).turns;
    assert.equal(turns.at(-1)?.status, 'stopped', 'Stop reached the new turn');
  });
});

describe('Turn ids', () => {
  it('never repeat across new and loaded conversations while the window is open', async () => {
    const { session, posted } = setup([answer('a1'), answer('a2'), answer('a3'), answer('a4')]);
    const ids: string[] = [];
    const collect = async () => {
      for (const t of (await session.snapshot()).turns) ids.push(t.id);
    };
    await session.send('first chat');
    await collect();
    session.newChat();
    await session.send('second chat');
    await collect();
    await session.load(STORED);
    await collect();
    await session.send('continuing the stored one');
    await session.load(STORED);
    await collect();
    session.newChat();
    await session.send('third chat');
    await collect();
    // A second session in the same window (a reload of the view) shares the id source too.
    const other = setup([answer('b1')]);
    await other.session.send('other session');
    for (const t of (await other.session.snapshot()).turns) ids.push(t.id);
    const added = posted.flatMap((m) => (m.type === 'turnAdded' ? [m.turn.id] : []));
    assert.ok(ids.length >= 15);
    assert.equal(new Set(ids).size, ids.length, `repeated ids: ${ids.join(' ')}`);
    assert.equal(new Set(added).size, added.length);
  });
});

describe('Session state: idle, answering or compacting', () => {
  function gatedCompactor(gate: Deferred<void>, calls: PrepareRequest[]): Compactor {
    return {
      prepare: async (req: PrepareRequest): Promise<Prepared> => {
        calls.push(req);
        if (req.force) await gate.promise;
        return { messages: [...req.messages], outcome: 'none' };
      },
    } as unknown as Compactor;
  }

  it('compaction and answering never run together, and the state says which one runs', async () => {
    const gate = deferred();
    const calls: PrepareRequest[] = [];
    const answerGate = deferred();
    const { session, requests, streaming } = setup([answer('one'), async () => (await answerGate.promise, result([{ type: 'text', text: 'two' }]))], { compactor: gatedCompactor(gate, calls) });
    assert.equal(session.state, 'idle');
    await session.send('first');
    const compacting = session.compact();
    assert.equal(session.state, 'compacting');
    assert.equal(session.streaming, true);
    // Refused: it resolves with the compaction, and nothing is sent.
    const refused = session.send('refused while compacting');
    assert.equal(await session.runCustomTurn('review', 'review', async () => assert.fail('must not run')), undefined);
    assert.equal(requests.length, 1, 'nothing was sent while compacting');
    gate.resolve();
    await Promise.all([compacting, refused]);
    assert.equal(session.state, 'idle');
    assert.equal(requests.length, 1);
    const answering = session.send('second');
    assert.equal(session.state, 'answering');
    const forced = calls.filter((c) => c.force).length;
    const notCompacting = session.compact();
    assert.equal(calls.filter((c) => c.force).length, forced, 'no compaction starts while answering');
    assert.equal(session.state, 'answering');
    answerGate.resolve();
    await Promise.all([answering, notCompacting]);
    assert.equal(calls.filter((c) => c.force).length, forced);
    assert.equal(session.state, 'idle');
    assert.deepEqual(streaming, [true, false, true, false, true, false], 'each run reported busy once and idle once');
  });

  it('New Chat during a compaction: idle at once, and the old compaction ending does not touch the new turn', async () => {
    const gate = deferred();
    const calls: PrepareRequest[] = [];
    const answerGate = deferred();
    const { session, posted } = setup([answer('one'), async () => (await answerGate.promise, result([{ type: 'text', text: 'two' }]))], { compactor: gatedCompactor(gate, calls) });
    await session.send('first');
    const compacting = session.compact();
    session.newChat();
    assert.equal(session.state, 'idle');
    const answering = session.send('in the new chat');
    assert.equal(session.state, 'answering');
    const mark = posted.length;
    gate.resolve();
    await compacting;
    assert.equal(session.state, 'answering', 'still answering in the new chat');
    assert.ok(!posted.slice(mark).some((m) => m.type === 'compacting' || (m.type === 'streaming' && !m.streaming)), 'the old compaction said nothing');
    answerGate.resolve();
    await answering;
    assert.equal(session.state, 'idle');
  });
});

describe('Retry', () => {
  const failure = () => new TurnFailure({ kind: 'overloaded', title: 'Overloaded', detail: '', actions: ['retry'] }, false);

  it('after a failed custom answer, Retry runs that custom answer again, not a chat request', async () => {
    const { session, requests } = setup([]);
    let runs = 0;
    const review: CustomAnswer = async (io) => {
      runs++;
      if (runs === 1) throw failure();
      io.apply({ type: 'blockStart', index: 0, kind: 'text' });
      io.apply({ type: 'textDelta', index: 0, text: 'reviewed' });
      io.apply({ type: 'blockStop', index: 0 });
      return { content: [{ type: 'text', text: 'reviewed' }], model: MODEL, stopReason: 'end_turn' };
    };
    const end = await session.runCustomTurn('Review a.ts', 'review prompt', review);
    assert.equal(end?.status, 'error');
    await session.retry();
    assert.equal(runs, 2);
    assert.equal(requests.length, 0, 'no chat request');
    assert.equal((await session.snapshot()).turns.at(-1)?.blocks[0]?.text, 'reviewed');
  });

  it('after a custom answer, a failed chat turn retries as a chat request', async () => {
    const { session, requests } = setup([
      async () => {
        throw failure();
      },
      answer('chat answer'),
    ]);
    let runs = 0;
    await session.runCustomTurn('Review a.ts', 'review prompt', async () => {
      runs++;
      return { content: [{ type: 'text', text: 'reviewed' }], model: MODEL, stopReason: 'end_turn' };
    });
    await session.send('a follow-up');
    await session.retry();
    assert.equal(runs, 1, 'the review did not run again');
    assert.equal(requests.length, 2);
    assert.equal((await session.snapshot()).turns.at(-1)?.blocks[0]?.text, 'chat answer');
  });

  it('a failed custom answer is not retried in another conversation', async () => {
    const { session, requests } = setup([answer('chat answer')]);
    let runs = 0;
    await session.runCustomTurn('Review a.ts', 'review prompt', async () => {
      runs++;
      throw failure();
    });
    // A stored conversation whose answer never arrived: Retry re-asks it as a chat question.
    await session.load([{ role: 'user', content: 'stored, unanswered' }], { interrupted: true });
    await session.retry();
    assert.equal(runs, 1);
    assert.equal(requests.length, 1);
  });
});
