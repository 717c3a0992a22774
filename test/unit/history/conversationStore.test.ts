import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../../../src/core/history/atomicWrite';
import { ConversationStore, ConversationUnavailable } from '../../../src/core/history/conversationStore';
import { draft, exchange, filesIn, tempDir } from './helpers';

function store(dir = tempDir(), now = () => 1_700_000_000_000) {
  let n = 0;
  return new ConversationStore(dir, { now, newId: () => `fork-${++n}` });
}

describe('conversation store', () => {
  it('round-trips a conversation: messages, totals, compactions and flags exactly', async () => {
    const s = store();
    const messages = [...exchange('What is 2+2?', '4'), { role: 'user' as const, content: [{ type: 'tool_result', tool_use_id: 'x', content: 'ok' }] }];
    const totals = { requests: 1, inputTokens: 10, outputTokens: 2, cacheReadTokens: 0, cacheWriteTokens: 0, thinkingTokens: 0, cost: { input: 1, output: 2, cacheRead: 0, cacheWrite: 0, total: 3 }, costComplete: true };
    const compactions = [{ summary: 'Earlier: math.', throughMessage: 2, model: 'claude-haiku-5-5', createdAt: 5 }];
    const out = await s.save(draft('a-1', messages, { model: 'claude-sonnet-5-5', totals, compactions, interrupted: true }), undefined);
    assert.deepEqual(out, { id: 'a-1', base: { revision: 1, stableCount: 3 }, problems: [] });
    const c = await s.load('a-1');
    assert.deepEqual(c.messages, messages);
    assert.deepEqual(c.totals, totals);
    assert.deepEqual(c.compactions, compactions);
    assert.equal(c.interrupted, true);
    assert.equal(c.model, 'claude-sonnet-5-5');
    assert.equal(c.title, 'Title of a-1');
    assert.equal(c.revision, 1);
  });

  it('lists conversations newest first with title, dates, message count and preview', async () => {
    let t = 1000;
    const s = store(tempDir(), () => t);
    await s.save(draft('a-1', exchange('First question', 'First answer')), undefined);
    t = 2000;
    await s.save(draft('b-2', exchange('Second question', 'Second answer is longer')), undefined);
    const { entries, problems } = await s.list();
    assert.deepEqual(problems, []);
    assert.deepEqual(
      entries.map((e) => [e.id, e.title, e.createdAt, e.updatedAt, e.messageCount, e.preview]),
      [
        ['b-2', 'Title of b-2', 1_700_000_000_000, 2000, 2, 'Second answer is longer'],
        ['a-1', 'Title of a-1', 1_700_000_000_000, 1000, 2, 'First answer'],
      ],
    );
  });

  it('writes atomically: a failed replace leaves the old file and no temp file behind', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'x.json');
    await writeFileAtomic(target, 'old');
    // A directory where the temp file would be renamed to makes the rename fail after the temp is written.
    const blocked = path.join(dir, 'dir.json');
    fs.mkdirSync(blocked);
    fs.writeFileSync(path.join(blocked, 'keep'), '');
    await assert.rejects(writeFileAtomic(blocked, 'new'));
    await writeFileAtomic(target, 'new');
    assert.equal(fs.readFileSync(target, 'utf8'), 'new');
    assert.deepEqual(filesIn(dir), ['dir.json', 'x.json'], 'no temp files left');
  });

  it('sets a corrupt file aside, reports it, and still lists and loads the others', async () => {
    const s = store();
    await s.save(draft('good-1', exchange('q1', 'a1')), undefined);
    await s.save(draft('bad-1', exchange('q2', 'a2')), undefined);
    await s.save(draft('good-2', exchange('q3', 'a3')), undefined);
    fs.writeFileSync(s.fileOf('bad-1'), '{"schema":1,"id":"bad-1","tit');
    const { entries, problems } = await s.list();
    assert.deepEqual(entries.map((e) => e.id).sort(), ['good-1', 'good-2']);
    assert.equal(problems.length, 1);
    const [problem] = problems;
    assert.equal(problem?.kind, 'setAside');
    assert.equal(problem?.id, 'bad-1');
    assert.equal(path.basename(problem!.file), 'bad-1.corrupt-1700000000000.json');
    assert.equal(fs.readFileSync(problem!.file, 'utf8'), '{"schema":1,"id":"bad-1","tit', 'kept byte for byte');
    assert.ok(!fs.existsSync(s.fileOf('bad-1')));
    assert.equal((await s.load('good-2')).messages.length, 2);
    assert.deepEqual((await s.list()).problems, [], 'reported once');
  });

  it('load() of a corrupt file sets it aside and says so', async () => {
    const s = store();
    await s.save(draft('bad-2', exchange('q', 'a')), undefined);
    fs.writeFileSync(s.fileOf('bad-2'), JSON.stringify({ schema: 1, id: 'bad-2', title: 'x', createdAt: 1, updatedAt: 1, revision: 1, messages: 'nope' }));
    await assert.rejects(s.load('bad-2'), (e: unknown) => e instanceof ConversationUnavailable && e.problem?.kind === 'setAside');
    await assert.rejects(s.load('bad-2'), (e: unknown) => e instanceof ConversationUnavailable && e.problem === undefined);
  });

  it('leaves a file from a newer version alone and reports it', async () => {
    const s = store();
    fs.mkdirSync(s.dir, { recursive: true });
    const text = JSON.stringify({ schema: 9, id: 'future-1', messages: [] });
    fs.writeFileSync(s.fileOf('future-1'), text);
    const { entries, problems } = await s.list();
    assert.deepEqual(entries, []);
    assert.deepEqual(problems.map((p) => p.kind), ['newerSchema']);
    assert.equal(fs.readFileSync(s.fileOf('future-1'), 'utf8'), text);
  });

  it('rebuilds a missing or corrupt index from the conversation files', async () => {
    const s = store();
    await s.save(draft('a-1', exchange('q1', 'a1')), undefined);
    await s.save(draft('b-2', exchange('q2', 'a2')), undefined);
    const index = path.join(s.dir, 'index.json');
    const expected = (await s.list()).entries;
    fs.rmSync(index);
    assert.deepEqual((await s.list()).entries, expected);
    assert.ok(fs.existsSync(index), 'written again');
    fs.writeFileSync(index, 'garbage');
    assert.deepEqual((await s.list()).entries, expected);
    assert.match(fs.readFileSync(index, 'utf8'), /"schema":1/);
    // A save while the index is corrupt rebuilds it too.
    fs.writeFileSync(index, '{"schema":1,"entries":[{"id":1}]}');
    await s.save(draft('c-3', exchange('q3', 'a3')), undefined);
    assert.deepEqual(JSON.parse(fs.readFileSync(index, 'utf8')).entries.map((e: { id: string }) => e.id).sort(), ['a-1', 'b-2', 'c-3']);
  });

  it('heals a stale index: files written or removed behind its back', async () => {
    const s = store();
    await s.save(draft('a-1', exchange('q1', 'a1')), undefined);
    await s.save(draft('b-2', exchange('q2', 'a2')), undefined);
    await s.list();
    const c = await s.load('a-1');
    // Another writer died between writing the conversation and updating the index.
    fs.writeFileSync(s.fileOf('a-1'), JSON.stringify({ ...c, messages: [...c.messages, ...exchange('q1b', 'changed')] }));
    fs.rmSync(s.fileOf('b-2'));
    fs.writeFileSync(s.fileOf('d-4'), JSON.stringify({ ...c, id: 'd-4', title: 'Appeared' }));
    const { entries } = await s.list();
    assert.deepEqual(entries.map((e) => [e.id, e.messageCount, e.preview]).sort(), [['a-1', 4, 'changed'], ['d-4', 2, 'a1']]);
  });

  it('rename sticks: later saves keep the custom title', async () => {
    const s = store();
    const first = await s.save(draft('a-1', exchange('q', 'a')), undefined);
    await s.rename('a-1', '  My   title ');
    const c = await s.load('a-1');
    assert.equal(c.title, 'My title');
    assert.equal(c.titleIsCustom, true);
    await s.save(draft('a-1', [...exchange('q', 'a'), ...exchange('q2', 'a2')], { title: 'Derived' }), first.base);
    assert.equal((await s.load('a-1')).title, 'My title');
    assert.equal((await s.list()).entries[0]?.title, 'My title');
    await assert.rejects(s.rename('a-1', '   '), RangeError);
  });

  it('delete moves to the trash; undo brings it back; purge forgets old deletions only', async () => {
    let t = 1_000_000;
    const s = store(tempDir(), () => t);
    await s.save(draft('a-1', exchange('q', 'a')), undefined);
    await s.save(draft('b-2', exchange('q', 'a')), undefined);
    const token = await s.trash('a-1');
    assert.deepEqual((await s.list()).entries.map((e) => e.id), ['b-2']);
    await assert.rejects(s.load('a-1'), ConversationUnavailable);
    assert.equal(await s.untrash(token), 'a-1');
    assert.deepEqual((await s.list()).entries.map((e) => e.id).sort(), ['a-1', 'b-2']);
    assert.equal((await s.load('a-1')).messages.length, 2);

    const old = await s.trash('a-1');
    t += 60_000;
    const fresh = await s.trash('b-2');
    await s.purgeTrash(30_000);
    await assert.rejects(s.untrash(old), /ENOENT/);
    assert.equal(await s.untrash(fresh), 'b-2', 'a deletion younger than the window stays undoable');
    await assert.rejects(s.untrash('../../etc/passwd.1'), RangeError);
  });

  it('undo refuses to replace a conversation that exists again', async () => {
    const s = store();
    await s.save(draft('a-1', exchange('q', 'a')), undefined);
    const token = await s.trash('a-1');
    await s.save(draft('a-1', exchange('new', 'one')), undefined);
    await assert.rejects(s.untrash(token), /EEXIST|exists/);
    assert.equal((await s.load('a-1')).messages[0]?.content, 'new');
  });

  it('refuses ids that are not plain file names', () => {
    const s = store();
    for (const id of ['../x', 'a/b', 'index', 'A']) assert.throws(() => s.fileOf(id), RangeError, id);
  });

  it('cleans up leftovers of killed writers once they are old', async () => {
    const s = store();
    await s.save(draft('a-1', exchange('q', 'a')), undefined);
    const temp = path.join(s.dir, '.a-1.json.123.abc.tmp');
    const aside = path.join(s.dir, 'store.lock.stale-abc');
    const released = path.join(s.dir, 'store.lock.released-abc');
    const young = path.join(s.dir, '.b.json.1.x.tmp');
    for (const f of [temp, aside, released, young]) fs.writeFileSync(f, '');
    const past = new Date(Date.now() - 120_000);
    for (const f of [temp, aside, released]) fs.utimesSync(f, past, past);
    await s.cleanUp();
    assert.deepEqual(filesIn(s.dir), ['.b.json.1.x.tmp', 'a-1.json', 'index.json']);
  });
});

describe('conversation store: saves from two windows', () => {
  const q = (n: number) => exchange(`q${n}`, `a${n}`);

  it('writes when the file is still at the revision this window last saw', async () => {
    const s = store();
    const one = await s.save(draft('a-1', q(1)), undefined);
    const two = await s.save(draft('a-1', [...q(1), ...q(2)]), one.base);
    assert.deepEqual(two.base, { revision: 2, stableCount: 4 });
  });

  it('a streaming partial of its own is replaced by the final answer', async () => {
    const s = store();
    const partial = [...q(1), { role: 'user' as const, content: 'q2' }, { role: 'assistant' as const, content: [{ type: 'text', text: 'half' }] }];
    const one = await s.save(draft('a-1', partial, { stableCount: 3, interrupted: true }), undefined);
    await s.save(draft('a-1', [...q(1), ...q(2)]), one.base);
    const c = await s.load('a-1');
    assert.deepEqual(c.messages, [...q(1), ...q(2)]);
    assert.equal(c.interrupted, undefined);
  });

  it('another window continued: ours extends theirs → write; theirs extends ours → keep theirs', async () => {
    const s = store();
    const base = (await s.save(draft('a-1', q(1)), undefined)).base;
    // Window B (same base) appends q2 first.
    await s.save(draft('a-1', [...q(1), ...q(2)]), base);
    // Window A had the same q2 and more: nothing of B's is lost by writing A's.
    const a = await s.save(draft('a-1', [...q(1), ...q(2), ...q(3)]), base);
    assert.equal(a.base.revision, 3);
    assert.equal((await s.load('a-1')).messages.length, 6);
    // A window that is behind writes nothing and keeps its base.
    const behind = await s.save(draft('a-1', [...q(1), ...q(2)]), base);
    assert.deepEqual(behind.base, base);
    assert.equal((await s.load('a-1')).messages.length, 6);
  });

  it('both windows added different turns: ours forks into a new conversation, theirs stays as it was', async () => {
    const s = store();
    const base = (await s.save(draft('a-1', q(1)), undefined)).base;
    await s.save(draft('a-1', [...q(1), ...exchange('from B', 'answer B')]), base);
    const theirs = fs.readFileSync(s.fileOf('a-1'), 'utf8');
    const out = await s.save(draft('a-1', [...q(1), ...exchange('from A', 'answer A')]), base);
    assert.equal(out.id, 'fork-1');
    assert.equal(out.forkedFrom, 'a-1');
    assert.deepEqual(out.base, { revision: 1, stableCount: 4 });
    assert.equal(fs.readFileSync(s.fileOf('a-1'), 'utf8'), theirs, 'the other window\'s file is untouched');
    const fork = await s.load('fork-1');
    assert.deepEqual(fork.messages, [...q(1), ...exchange('from A', 'answer A')]);
    assert.equal(fork.title, 'Title of a-1 (2)');
    assert.deepEqual((await s.list()).entries.map((e) => e.id).sort(), ['a-1', 'fork-1']);
  });

  it('a new conversation never overwrites a file that already has its id', async () => {
    const s = store();
    await s.save(draft('a-1', q(1)), undefined);
    const out = await s.save(draft('a-1', q(9)), undefined);
    assert.equal(out.id, 'fork-1');
    assert.deepEqual((await s.load('a-1')).messages, q(1));
  });

  it('deleted by another window meanwhile: the next save writes it again (nothing is lost)', async () => {
    const s = store();
    const base = (await s.save(draft('a-1', q(1)), undefined)).base;
    await s.trash('a-1');
    await s.save(draft('a-1', [...q(1), ...q(2)]), base);
    assert.equal((await s.load('a-1')).messages.length, 4);
  });
});
