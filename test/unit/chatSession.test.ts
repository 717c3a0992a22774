import assert from 'node:assert/strict';
import { TurnFailure, type TurnRequest } from '../../src/core/claude/turnStreamer';
import type { TurnResult } from '../../src/core/claude/streamEvents';
import { ChatSession } from '../../src/core/chat/chatSession';
import type { UsageSnapshot } from '../../src/shared/protocol';
import type { HostToWebview } from '../../src/shared/protocol';

type Script = (req: TurnRequest) => Promise<TurnResult>;

function result(text: string): TurnResult {
  return {
    messageId: 'msg_1',
    model: 'claude-sonnet-5-5',
    content: [{ type: 'text', text }],
    stopReason: 'end_turn',
    usage: { inputTokens: 10, outputTokens: 3, cacheReadTokens: 0, cacheWriteTokens: 0, cacheWrite1hTokens: 0, thinkingTokens: 0 },
  };
}

function streamText(text: string): Script {
  return async (req) => {
    req.onEvent({ type: 'messageStart', messageId: 'msg_1', model: 'claude-sonnet-5-5' });
    req.onEvent({ type: 'blockStart', index: 0, kind: 'text' });
    for (const ch of text) req.onEvent({ type: 'textDelta', index: 0, text: ch });
    req.onEvent({ type: 'blockStop', index: 0 });
    return result(text);
  };
}

function setup(scripts: Script[]) {
  const posted: HostToWebview[] = [];
  const requests: TurnRequest[] = [];
  const totals: UsageSnapshot[] = [];
  const session = new ChatSession(
    {
      client: {
        streamTurn: (req) => {
          requests.push({ ...req, messages: structuredClone(req.messages) });
          const next = scripts.shift();
          if (!next) throw new Error('no script');
          return next(req);
        },
      },
      currentModel: () => 'claude-sonnet-5-5',
      hasApiKey: async () => true,
      onTotalsChanged: (t) => totals.push(t),
    },
    (m) => posted.push(m),
  );
  return { session, posted, requests, totals };
}

/** Rebuilds the text the webview would show for a turn from the posted messages alone. */
function shownText(posted: HostToWebview[], turnId: string): string {
  let text = '';
  for (const m of posted) if (m.type === 'blockDeltas' && m.turnId === turnId) for (const d of m.deltas) text += d.text;
  return text;
}

describe('ChatSession', () => {
  it('streams an answer as coalesced deltas and ends the turn with usage', async () => {
    const { session, posted, requests, totals } = setup([streamText('Hello there')]);
    await session.send('Hi');
    assert.deepEqual(requests[0]!.messages, [{ role: 'user', content: 'Hi' }]);
    const types = posted.map((m) => m.type);
    assert.deepEqual(types.slice(0, 3), ['turnAdded', 'streaming', 'turnAdded']);
    const assistant = posted.find((m): m is Extract<HostToWebview, { type: 'turnAdded' }> => m.type === 'turnAdded' && m.turn.role === 'assistant')!;
    assert.equal(shownText(posted, assistant.turn.id), 'Hello there');
    assert.ok(posted.filter((m) => m.type === 'blockDeltas').length < 'Hello there'.length, 'deltas are coalesced');
    const ended = posted.find((m) => m.type === 'turnEnded');
    assert.ok(ended?.type === 'turnEnded');
    assert.equal(ended.usage?.inputTokens, 10);
    assert.equal(ended.usage?.outputTokens, 3);
    // claude-sonnet-5-5: $2 in / $10 out per million tokens.
    assert.ok(Math.abs(ended.usage!.costUsd - (10 * 2 + 3 * 10) / 1e6) < 1e-12);
    assert.deepEqual(posted.at(-1), { type: 'streaming', streaming: false });
    assert.equal(totals.at(-1)?.requests, 1);
    assert.equal(totals.at(-1)?.costUsd, ended.usage!.costUsd);
  });

  it('sends the whole history on the next turn and adds up the conversation cost', async () => {
    const { session, requests, totals } = setup([streamText('A1'), streamText('A2')]);
    await session.send('Q1');
    await session.send('Q2');
    assert.equal(totals.at(-1)?.requests, 2);
    assert.equal(totals.at(-1)?.inputTokens, 20);
    assert.equal((await session.snapshot()).totals.outputTokens, 6);
    session.newChat();
    assert.equal(totals.at(-1)?.costUsd, 0, 'New Chat resets the total');
    assert.deepEqual(requests[1]!.messages, [
      { role: 'user', content: 'Q1' },
      { role: 'assistant', content: [{ type: 'text', text: 'A1' }] },
      { role: 'user', content: 'Q2' },
    ]);
  });

  it('reports how full the context window is after each request, and New Chat clears it', async () => {
    const { session, posted } = setup([streamText('A1')]);
    assert.equal((await session.snapshot()).context, undefined, 'no meter before the first request');
    await session.send('Q1');
    const meter = posted.find((m) => m.type === 'context');
    // 10 in + 3 out: the next request reads both back. Sonnet 5.5 has a 1M-token window.
    assert.deepEqual(meter?.type === 'context' && meter.context, { usedTokens: 13, windowTokens: 1_000_000, estimated: false });
    assert.deepEqual((await session.snapshot()).context, { usedTokens: 13, windowTokens: 1_000_000, estimated: false });
    session.newChat();
    assert.equal((await session.snapshot()).context, undefined);
  });

  it('stop aborts the request and keeps the partial answer', async () => {
    let started!: () => void;
    const begun = new Promise<void>((r) => (started = r));
    const { session, posted, requests } = setup([
      (req) =>
        new Promise((_, reject) => {
          req.onEvent({ type: 'blockStart', index: 0, kind: 'text' });
          req.onEvent({ type: 'textDelta', index: 0, text: 'partial' });
          req.signal.addEventListener('abort', () => reject(new TurnFailure({ kind: 'aborted', title: 'Stopped', detail: '', actions: [] }, true)));
          started();
        }),
      streamText('next'),
    ]);
    const done = session.send('long question');
    await begun;
    assert.equal(session.streaming, true);
    session.stop();
    await done;
    assert.equal(session.streaming, false);
    assert.ok(requests[0]!.signal.aborted, 'the request signal was aborted');
    const ended = posted.find((m) => m.type === 'turnEnded');
    assert.equal(ended?.type === 'turnEnded' && ended.status, 'stopped');
    await session.send('again');
    assert.deepEqual(requests[1]!.messages.at(-2), { role: 'assistant', content: [{ type: 'text', text: 'partial' }] });
  });

  it('an error keeps the partial text, shows an action, and Retry asks again', async () => {
    const midStream = new TurnFailure({ kind: 'overloaded', title: 'Overloaded', detail: 'Retry', actions: ['retry', 'selectModel'] }, false);
    const { session, posted, requests } = setup([
      async (req) => {
        req.onEvent({ type: 'blockStart', index: 0, kind: 'text' });
        req.onEvent({ type: 'textDelta', index: 0, text: 'Hel' });
        throw midStream;
      },
      streamText('Hello'),
    ]);
    await session.send('Hi');
    const ended = posted.find((m) => m.type === 'turnEnded');
    assert.ok(ended?.type === 'turnEnded' && ended.status === 'error');
    assert.equal(ended.error?.kind, 'overloaded');
    assert.ok(ended.error?.actions.includes('retry'));
    const snap = await session.snapshot();
    assert.equal(snap.turns[1]!.blocks[0]!.text, 'Hel', 'partial answer kept');
    await session.retry();
    assert.deepEqual(requests[1]!.messages, [{ role: 'user', content: 'Hi' }], 'retry re-asks without duplicating the question');
    assert.equal((await session.snapshot()).turns.length, 3);
  });

  it('an unexpected exception from the client still ends the turn with an alert', async () => {
    const { session, posted } = setup([
      async () => {
        throw new TypeError('boom');
      },
    ]);
    await session.send('Hi');
    const ended = posted.find((m) => m.type === 'turnEnded');
    assert.ok(ended?.type === 'turnEnded' && ended.status === 'error' && ended.error?.kind === 'unexpected');
    assert.equal(session.streaming, false);
  });

  it('ignores empty messages and sends while streaming', async () => {
    const { session, requests } = setup([streamText('one')]);
    await session.send('   ');
    assert.equal(requests.length, 0);
    const first = session.send('q');
    const second = session.send('q2');
    await Promise.all([first, second]);
    assert.equal(requests.length, 1);
  });

  it('new chat starts empty and a late-finishing turn does not leak into it', async () => {
    let finish!: (r: TurnResult) => void;
    const { session, requests } = setup([(_req) => new Promise<TurnResult>((r) => (finish = r)), streamText('fresh')]);
    const pending = session.send('old');
    session.newChat();
    finish(result('old answer'));
    await pending;
    assert.equal((await session.snapshot()).turns.length, 0);
    await session.send('new');
    assert.deepEqual(requests[1]!.messages, [{ role: 'user', content: 'new' }]);
  });
});

describe('TurnFailure across bundles', () => {
  it('is recognised when thrown by another copy of the class (dist/claude.js has its own)', () => {
    // Simulates the second bundle: same shape and brand, different class object.
    const brand = Symbol.for('claudeCompanion.TurnFailure');
    const foreign = Object.assign(new Error('x'), { [brand]: true, info: { kind: 'overloaded' }, userAbort: false });
    assert.equal(TurnFailure.is(foreign), true);
    assert.equal(TurnFailure.is(new Error('plain')), false);
    assert.equal(TurnFailure.is(null), false);
  });
});

describe('ChatSession with images', () => {
  const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').toString('base64');
  const image = { name: 'shot.png', mediaType: 'image/png' as const, data: PNG, width: 1568, height: 1045 };

  it('sends image blocks before the text and shows that an image was attached', async () => {
    const { session, posted, requests } = setup([streamText('I see a chart.')]);
    await session.send('What is this?', [image]);
    assert.deepEqual(requests[0]!.messages[0], {
      role: 'user',
      content: [
        { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } },
        { type: 'text', text: 'What is this?' },
      ],
    });
    const user = posted.find((m) => m.type === 'turnAdded' && m.turn.role === 'user');
    assert.ok(user?.type === 'turnAdded');
    assert.equal(user.turn.blocks[0]!.text, '[image: shot.png 1568×1045]\nWhat is this?');
  });

  it('refuses a bad image without sending anything or consuming the attachments', async () => {
    const { session, posted, requests } = setup([]);
    session.attach({ path: 'src/a.ts', startLine: 1, endLine: 2, languageId: 'ts', text: 'x' });
    await session.send('What is this?', [{ ...image, mediaType: 'image/jpeg' }]);
    assert.equal(requests.length, 0);
    const refused = posted.find((m) => m.type === 'sendRefused');
    assert.ok(refused?.type === 'sendRefused');
    assert.match(refused.reason, /shot\.png: the data is not a JPEG image/);
    assert.ok(!posted.some((m) => m.type === 'turnAdded'), 'no turn for a refused send');
    assert.equal((await session.snapshot()).attachments.length, 1, 'the attachment waits for the next send');
  });
});
