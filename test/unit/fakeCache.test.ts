// Prompt-cache simulation of the fake Anthropic server, driven through the real SDK. Token counts follow the
// fake's tokenizer: ceil(chars / 4) of the compact JSON of tools → system → messages without the blocks'
// cache_control keys; a prefix ends right after its last block's JSON (closing brackets not included).
import assert from 'node:assert/strict';
import Anthropic, { type APIError } from '@anthropic-ai/sdk';
import { byModel, httpError, startFakeAnthropic, text } from '../fake-anthropic';
import { parseSseText, rawRequest } from '../fake-anthropic/http-client';
import { useFakeAnthropic } from '../support/useFakeAnthropic';

const OPUS = 'claude-opus-5-5';
const SONNET = 'claude-sonnet-5-5';
const HAIKU = 'claude-haiku-5-5';
const FIVE_MIN = 300_000;
const ONE_HOUR = 3_600_000;

/** ~810 tokens: above Opus/Sonnet's 512 minimum, below Haiku's 1,024. */
const SYSTEM_TEXT = 'You are Claude Companion, a careful coding assistant. '.repeat(60);

type Params = Anthropic.MessageCreateParamsNonStreaming;
type Ttl = '5m' | '1h';
type Loose = Record<string, unknown>;

const tok = (chars: number) => Math.ceil(chars / 4);
const cc = (ttl?: Ttl): Anthropic.CacheControlEphemeral => ({ type: 'ephemeral', ...(ttl && { ttl }) });

function systemBlocks(ttl?: Ttl | null, textValue = SYSTEM_TEXT): Anthropic.TextBlockParam[] {
  return [{ type: 'text', text: textValue, ...(ttl !== null && { cache_control: cc(ttl) }) }];
}

/** Tokens of the marked system prefix: the array's JSON up to the end of its only block (no closing `]`). */
const SYSTEM_TOKENS = tok(JSON.stringify([{ type: 'text', text: SYSTEM_TEXT }]).length - 1);

function req(over: Partial<Params> = {}): Params {
  return { model: OPUS, max_tokens: 64, system: systemBlocks(), messages: [{ role: 'user', content: 'hello' }], ...over };
}

/** A fresh conversation of `turns` user turns with a rolling breakpoint on the last user block only. */
function conversation(turns: number, ttl?: Ttl): Anthropic.MessageParam[] {
  const messages: Anthropic.MessageParam[] = [];
  for (let i = 1; i <= turns; i++) {
    if (i > 1) messages.push({ role: 'assistant', content: [{ type: 'text', text: `Answer ${i - 1}.` }] });
    messages.push({ role: 'user', content: [{ type: 'text', text: `Question ${i}: ${'more context '.repeat(20)}` }] });
  }
  const last = messages.at(-1)!.content as Anthropic.TextBlockParam[];
  last[0]!.cache_control = cc(ttl);
  return messages;
}

/** One user message of `n` small text blocks, the block at `markAt` carrying the breakpoint. */
function manyBlocks(n: number, markAt: number): Anthropic.MessageParam[] {
  const content: Anthropic.TextBlockParam[] = [];
  for (let i = 0; i < n; i++) content.push({ type: 'text', text: `part ${i}`, ...(i === markAt && { cache_control: cc() }) });
  return [{ role: 'user', content }];
}

/** A usage counter that must be present (the fake always sends every field). */
function num(v: number | null | undefined): number {
  assert.equal(typeof v, 'number');
  return v as number;
}

function usageOf(u: Anthropic.Usage) {
  return {
    input: num(u.input_tokens),
    creation: num(u.cache_creation_input_tokens),
    read: num(u.cache_read_input_tokens),
    m5: num(u.cache_creation?.ephemeral_5m_input_tokens),
    h1: num(u.cache_creation?.ephemeral_1h_input_tokens),
  };
}

/** Deep copy without any cache_control (block-level or top-level). */
function unmarked<T>(body: T): T {
  return JSON.parse(JSON.stringify(body, (k, v: unknown) => (k === 'cache_control' ? undefined : v))) as T;
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  return assert.fail('expected the promise to reject');
}

describe('fake Anthropic server: prompt caching', function () {
  let clock: number;
  const f = useFakeAnthropic({ server: { now: () => clock }, defaultScenario: text('ok') });

  const create = async (body: Params) => usageOf((await f.client.messages.create(body)).usage);
  const stream = async (body: Params) => usageOf((await f.client.messages.stream(body).finalMessage()).usage);
  /** count_tokens of the same request with the markers removed (the uncached total). */
  const uncached = async (body: Params) => {
    const { max_tokens: _m, ...rest } = unmarked(body);
    return (await f.client.messages.countTokens(rest)).input_tokens;
  };

  beforeEach(() => {
    clock = 1_000_000;
  });

  it('a first request writes the marked system prompt; the identical second request reads it', async () => {
    const total = await uncached(req());
    const first = await create(req());
    assert.deepEqual(first, { input: total - SYSTEM_TOKENS, creation: SYSTEM_TOKENS, read: 0, m5: SYSTEM_TOKENS, h1: 0 });
    assert.equal(f.fake.cache.size, 1);
    const second = await create(req());
    assert.deepEqual(second, { input: total - SYSTEM_TOKENS, creation: 0, read: SYSTEM_TOKENS, m5: 0, h1: 0 });
    assert.equal(f.fake.cache.size, 1);
    assert.ok(SYSTEM_TOKENS > 512 && SYSTEM_TOKENS < 1024, `SYSTEM_TOKENS=${SYSTEM_TOKENS}`);
  });

  it('a growing conversation with a rolling breakpoint reads the previous prefix and writes only the new part', async () => {
    let previousPrefix = 0;
    for (let turns = 1; turns <= 4; turns++) {
      const body = req({ system: systemBlocks(), messages: conversation(turns) });
      const total = await uncached(body);
      const u = await create(body);
      assert.equal(u.read, previousPrefix, `turn ${turns} reads what turn ${turns - 1} cached`);
      if (turns === 1) assert.ok(u.creation > SYSTEM_TOKENS, 'the first turn writes system + question');
      else assert.ok(u.creation > 0 && u.creation < 150, `turn ${turns} writes only the new turn (${u.creation})`);
      assert.equal(u.input + u.creation + u.read, total);
      assert.ok(u.input <= 1, 'only the closing brackets after the last breakpoint stay uncached');
      previousPrefix = u.read + u.creation;
    }
    // system + one entry per turn's rolling breakpoint
    assert.equal(f.fake.cache.size, 5);
  });

  it('looks back 20 block boundaries: an entry 19 blocks back is found, 20 or 21 back is not', async () => {
    const system = systemBlocks(null);
    const at = (markAt: number) => req({ system, messages: manyBlocks(40, markAt) });
    for (const distance of [20, 21]) {
      f.fake.cache.clear();
      const writer = await create(at(5));
      const far = await create(at(5 + distance));
      assert.equal(far.read, 0, `${distance} blocks back is out of reach`);
      assert.ok(far.creation > writer.creation);
    }
    f.fake.cache.clear();
    const writer = await create(at(5));
    assert.equal(writer.read, 0);
    const near = await create(at(5 + 19));
    assert.equal(near.read, writer.creation, '19 blocks back is found');
    assert.ok(near.creation > 0, 'the 19 blocks after the hit are written');
    assert.equal(near.input + near.creation + near.read, await uncached(at(5 + 19)));
  });

  it('prompts below the model minimum are not cached (no error, both counters 0)', async () => {
    const short = req({ system: systemBlocks('5m', 'Be brief.') });
    const u = await create(short);
    assert.deepEqual(u, { input: await uncached(short), creation: 0, read: 0, m5: 0, h1: 0 });
    assert.equal(f.fake.cache.size, 0);
    // The same ~810-token prefix is cacheable on Opus (512) but not on Haiku (1,024).
    const haiku = await create(req({ model: HAIKU }));
    assert.deepEqual([haiku.creation, haiku.read], [0, 0]);
    assert.equal((await create(req({ model: OPUS }))).creation, SYSTEM_TOKENS);
  });

  it('rejects 5 breakpoints, a bad ttl, 1h after 5m, a marked thinking block and a top-level TTL conflict', async () => {
    const five = req({ messages: manyBlocks(4, -1) });
    for (const b of (five.messages[0]!.content as Anthropic.TextBlockParam[])) b.cache_control = cc();
    const cases: Array<[Params, RegExp]> = [
      [five, /^A maximum of 4 blocks with cache_control may be provided\. Found 5\.$/],
      [
        req({ system: [{ type: 'text', text: 'x', cache_control: { type: 'ephemeral', ttl: '10m' as Ttl } }] }),
        /^system\.0\.cache_control\.ttl: Input should be '5m' or '1h'$/,
      ],
      [
        req({ system: systemBlocks('5m'), messages: conversation(1, '1h') }),
        /^messages\.0\.content\.0\.cache_control\.ttl: a ttl='1h' cache_control block must not come after a ttl='5m' cache_control block/,
      ],
      [
        req({
          messages: [
            { role: 'user', content: 'hi' },
            { role: 'assistant', content: [{ type: 'thinking', thinking: 'hm', signature: 's', cache_control: cc() } as Anthropic.ThinkingBlockParam] },
            { role: 'user', content: 'again' },
          ],
        }),
        /^messages\.1\.content\.0\.thinking\.cache_control: Extra inputs are not permitted$/,
      ],
      [
        req({ system: systemBlocks('1h'), messages: conversation(1, '1h'), cache_control: cc('5m') }),
        /^Top-level cache_control has ttl='5m' but the target block already has cache_control with ttl='1h'$/,
      ],
      [
        req({
          tools: ['t', 'u'].map((name) => ({ name, input_schema: { type: 'object' as const }, cache_control: cc() })),
          system: systemBlocks(),
          messages: manyBlocks(4, 0),
          cache_control: cc(), // automatic caching takes the 5th slot
        }),
        /^A maximum of 4 blocks with cache_control may be provided\. Found 5\.$/,
      ],
    ];
    for (const [body, message] of cases) {
      const err = await rejection(f.client.messages.create(body));
      assert.ok(err instanceof Anthropic.BadRequestError, String(err));
      assert.equal(err.type, 'invalid_request_error');
      assert.match((err.error as { error: { message: string } }).error.message, message);
    }
    assert.equal(f.fake.cache.size, 0);
  });

  it('expires entries on the injected clock: 5m gone after 5 minutes, 1h kept, a read restarts the TTL', async () => {
    const body = req({ system: systemBlocks('1h'), messages: conversation(1) });
    const first = await create(body);
    const prefix = first.creation;
    assert.deepEqual([first.h1, first.m5], [SYSTEM_TOKENS, prefix - SYSTEM_TOKENS]);
    assert.equal(f.fake.cache.size, 2);

    clock += FIVE_MIN - 1;
    assert.equal((await create(body)).read, prefix, 'still there 1 ms before expiry');
    clock += FIVE_MIN - 1; // 10 min − 2 ms after the write: alive only because the read refreshed it
    assert.equal((await create(body)).read, prefix);
    clock += FIVE_MIN; // the 5m entry expired; the 1h one (written 15 min ago, never the hit) is still there
    assert.deepEqual(
      f.fake.cache.entries().map((e) => e.ttl),
      ['1h'],
    );
    const after = await create(body);
    assert.deepEqual(after, { input: first.input, creation: prefix - SYSTEM_TOKENS, read: SYSTEM_TOKENS, m5: prefix - SYSTEM_TOKENS, h1: 0 });

    // The 1h entry was refreshed by that read (now + 1h); just before then it is still found.
    clock += ONE_HOUR - 1;
    f.fake.cache.entries().forEach((e) => assert.equal(e.ttl, '1h'));
    assert.equal(f.fake.cache.size, 1);
    clock += 1;
    assert.equal(f.fake.cache.size, 0);
    assert.equal((await create(body)).read, 0);
  });

  it('caches per model', async () => {
    assert.equal((await create(req({ model: OPUS }))).creation, SYSTEM_TOKENS);
    const sonnet = await create(req({ model: SONNET }));
    assert.deepEqual([sonnet.creation, sonnet.read], [SYSTEM_TOKENS, 0]);
    assert.equal((await create(req({ model: OPUS }))).read, SYSTEM_TOKENS);
    assert.deepEqual(f.fake.cache.entries().map((e) => e.model).sort(), [OPUS, SONNET]);
  });

  it('reports 1h writes under ephemeral_1h_input_tokens', async () => {
    const u = await create(req({ system: systemBlocks('1h') }));
    assert.deepEqual([u.creation, u.h1, u.m5, u.read], [SYSTEM_TOKENS, SYSTEM_TOKENS, 0, 0]);
    assert.equal(f.fake.cache.entries()[0]!.ttl, '1h');
  });

  it('input + creation + read equals the uncached count (count_tokens ignores markers) for every shape', async () => {
    const tools: Anthropic.Tool[] = [
      { name: 'read_file', description: 'Reads a file. '.repeat(40), input_schema: { type: 'object', properties: { path: { type: 'string' } } } },
      { name: 'list_dir', input_schema: { type: 'object' }, cache_control: cc('1h') },
    ];
    const toolTurn: Anthropic.MessageParam[] = [
      { role: 'user', content: 'What is in README.md?' },
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'I should read it.', signature: 'sig' },
          { type: 'tool_use', id: 'toolu_1', name: 'read_file', input: { path: 'README.md' } },
        ],
      },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: '# Readme '.repeat(50), cache_control: cc() }] },
    ];
    const bodies: Params[] = [
      req({ tools, messages: toolTurn }),
      req({ tools, system: SYSTEM_TEXT, messages: toolTurn }),
      req({ system: systemBlocks(), messages: conversation(3) }),
      req({ cache_control: cc(), messages: conversation(2) }),
      req({ system: SYSTEM_TEXT, messages: [{ role: 'user', content: 'no markers at all' }] }),
    ];
    for (const body of bodies) {
      const total = await uncached(body);
      const { max_tokens: _m, ...countBody } = body;
      assert.equal((await f.client.messages.countTokens(countBody)).input_tokens, total, 'markers do not change the count');
      for (const u of [await create(body), await create(body)]) {
        assert.equal(u.input + u.creation + u.read, total);
        assert.equal(u.creation, u.m5 + u.h1);
      }
    }
  });

  it('top-level cache_control caches up to the last cacheable block and rolls with the conversation', async () => {
    const turn = (n: number) => req({ system: systemBlocks(null), messages: unmarked(conversation(n)), cache_control: cc() });
    const first = await create(turn(1));
    assert.equal(first.read, 0);
    assert.ok(first.creation > SYSTEM_TOKENS);
    assert.ok(first.input <= 1);
    assert.equal((await create(turn(1))).read, first.creation);
    const second = await create(turn(2));
    assert.equal(second.read, first.creation);
    assert.equal(second.input + second.creation + second.read, await uncached(turn(2)));
    // Automatic caching takes one of the 4 slots (see the Found 5 case above); a 1h top-level marker works too.
    f.fake.cache.clear();
    const hour = await create({ ...turn(1), cache_control: cc('1h') });
    assert.deepEqual([hour.h1, hour.m5], [first.creation, 0]);
  });

  it('streaming and non-streaming report the same usage; message_start and message_delta carry it', async () => {
    const body = req({ messages: conversation(2) });
    const createWrite = await create(body);
    const createRead = await create(body);
    f.fake.cache.clear();
    assert.deepEqual(await stream(body), createWrite);
    assert.deepEqual(await stream(body), createRead);

    const res = await rawRequest(f.fake.url, '/v1/messages', { body: { ...body, stream: true } });
    const events = parseSseText(res.body.toString('utf8')).map((e) => JSON.parse(e.data) as Loose);
    const start = (events.find((e) => e.type === 'message_start')!.message as Loose).usage as Loose;
    const delta = events.find((e) => e.type === 'message_delta')!.usage as Loose;
    assert.deepEqual(
      [start.input_tokens, start.cache_creation_input_tokens, start.cache_read_input_tokens, start.cache_creation],
      [createRead.input, 0, createRead.read, { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 }],
    );
    assert.deepEqual(
      [delta.input_tokens, delta.cache_creation_input_tokens, delta.cache_read_input_tokens],
      [createRead.input, 0, createRead.read],
    );
  });

  it('usage pins override the simulation; errors leave the cache alone; cache:false and reset() turn it off', async () => {
    f.fake.enqueue(text('pinned', { usage: { input_tokens: 7 } }));
    const pinned = await create(req());
    assert.deepEqual([pinned.input, pinned.creation], [7, SYSTEM_TOKENS]);
    f.fake.reset();
    f.fake.enqueue(httpError(529));
    assert.ok((await rejection(f.client.messages.create(req()))) instanceof Anthropic.APIError);
    assert.equal(f.fake.cache.size, 0);
    // max_tokens: 0 pre-warms the cache.
    assert.equal((await create(req({ max_tokens: 0 }))).creation, SYSTEM_TOKENS);
    assert.equal((await create(req())).read, SYSTEM_TOKENS);

    const off = await startFakeAnthropic({ cache: false });
    try {
      const offClient = new Anthropic({ apiKey: 'test', baseURL: off.url, maxRetries: 0 });
      const u = usageOf((await offClient.messages.create(req())).usage);
      assert.deepEqual(u, { input: await uncached(req()), creation: 0, read: 0, m5: 0, h1: 0 });
      assert.equal(off.cache.enabled, false);
      assert.equal(off.cache.size, 0);
    } finally {
      await off.close();
    }
  });

  it('byModel routes by the request model, as a default or queued, with sequences and a fallback', async () => {
    f.fake.setDefault(byModel({ [OPUS]: httpError(529) }));
    for (let i = 0; i < 3; i++) {
      const err = await rejection(f.client.messages.create(req({ model: OPUS })));
      assert.ok(err instanceof Anthropic.OverloadedError, String(err));
    }
    const sonnet = await f.client.messages.create(req({ model: SONNET, messages: [{ role: 'user', content: 'hi' }] }));
    assert.deepEqual(sonnet.content[0], { type: 'text', text: 'You said: hi', citations: null });

    f.fake.setDefault(byModel({ [OPUS]: [httpError(529), text('second try')], [HAIKU]: text('haiku') }, text('fallback')));
    const answers: string[] = [];
    for (const model of [OPUS, OPUS, OPUS, HAIKU, SONNET]) {
      try {
        const m = await f.client.messages.create(req({ model }));
        answers.push((m.content[0] as Anthropic.TextBlock).text);
      } catch (err) {
        answers.push((err as APIError).type ?? 'error');
      }
    }
    assert.deepEqual(answers, ['overloaded_error', 'second try', 'fallback', 'haiku', 'fallback']);

    f.fake.enqueue(byModel({ [SONNET]: httpError(429) }));
    assert.ok((await rejection(f.client.messages.create(req({ model: SONNET })))) instanceof Anthropic.RateLimitError);
    assert.equal(f.fake.pending(), 0);
  });
});
