// Hostile or damaged conversation stores: the trash purge deletes only the store's own trash files
// (`<id>.<time>.json`, regular files), whatever else sits in trash/, and keeps going past what it cannot
// delete; releasing the store lock never removes a lock another window holds by then.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConversationStore } from '../../../src/core/history/conversationStore';
import { withLock } from '../../../src/core/history/storeLock';
import { draft, exchange, filesIn, tempDir } from '../history/helpers';

const NOW = 1_700_000_000_000;
const WINDOW = 30_000;
/** Deleted long before the undo window: purged. */
const OLD = NOW - 10 * WINDOW;

/** A store whose trash holds one genuine old trash file (a-1) plus whatever `prepare` adds. */
async function storeWithTrash(): Promise<{ store: ConversationStore; trash: string; oldToken: string }> {
  const dir = tempDir('cc-hostile-store-');
  let now = OLD;
  const store = new ConversationStore(dir, { now: () => now });
  await store.save(draft('a-1', exchange('q', 'a')), undefined);
  const oldToken = await store.trash('a-1');
  now = NOW;
  return { store, trash: path.join(dir, 'trash'), oldToken };
}

const holder = (nonce: string) => JSON.stringify({ pid: process.pid, host: os.hostname(), nonce, at: new Date().toISOString() });

describe('hostile workspace: storage', () => {
  describe('trash purge', () => {
    it('deletes the store’s own trash file once the undo window has passed', async () => {
      const { store, trash, oldToken } = await storeWithTrash();
      await store.purgeTrash(WINDOW);
      assert.ok(!fs.existsSync(path.join(trash, `${oldToken}.json`)));
    });

    it('keeps a trash file still inside the undo window', async () => {
      const { store, trash } = await storeWithTrash();
      const fresh = path.join(trash, `b-2.${NOW - 1000}.json`);
      fs.writeFileSync(fresh, '{}');
      await store.purgeTrash(WINDOW);
      assert.ok(fs.existsSync(fresh));
    });

    // Names that are not `<id>.<time>.json`: someone else's files (or ours from another version): never deleted.
    const foreign = ['notes.txt', 'x.json', 'a-1.json', 'a-1.5', 'A-1.5.json', 'a-1.5.json.bak', '.a-1.5.json.tmp', 'a-1.5.JSON', 'a_1.5.json', 'a-1.-5.json', 'a-1.5e3.json', 'a-1.0x10.json', ' a-1.5.json', 'index.json'];
    for (const name of foreign) {
      it(`leaves ${JSON.stringify(name)} in trash/ alone (and still purges the real trash file)`, async () => {
        const { store, trash, oldToken } = await storeWithTrash();
        fs.writeFileSync(path.join(trash, name), 'not ours');
        await store.purgeTrash(WINDOW);
        assert.equal(fs.readFileSync(path.join(trash, name), 'utf8'), 'not ours');
        assert.ok(!fs.existsSync(path.join(trash, `${oldToken}.json`)), 'the real trash file is purged');
      });
    }

    it('leaves a symlink named like a trash file alone (and what it points to)', async () => {
      const { store, trash } = await storeWithTrash();
      const target = path.join(tempDir('cc-hostile-target-'), 'precious.json');
      fs.writeFileSync(target, 'precious');
      const link = path.join(trash, `c-3.${OLD}.json`);
      fs.symlinkSync(target, link);
      await store.purgeTrash(WINDOW);
      assert.ok(fs.lstatSync(link).isSymbolicLink(), 'the link is still there');
      assert.equal(fs.readFileSync(target, 'utf8'), 'precious');
    });

    it('leaves a dangling symlink named like a trash file alone', async () => {
      const { store, trash } = await storeWithTrash();
      const link = path.join(trash, `c-3.${OLD}.json`);
      fs.symlinkSync('/nonexistent/elsewhere', link);
      await store.purgeTrash(WINDOW);
      assert.ok(fs.lstatSync(link).isSymbolicLink());
    });

    it('a subfolder in trash/ does not stop it: every real trash file around it is purged', async () => {
      const { store, trash } = await storeWithTrash();
      // Many of each, so that whatever order readdir lists them in, folders come before files.
      const files = Array.from({ length: 20 }, (_, i) => path.join(trash, `f-${i}.${OLD}.json`));
      for (const f of files) fs.writeFileSync(f, '{}');
      for (let i = 0; i < 20; i++) fs.mkdirSync(path.join(trash, `d-${i}`));
      await store.purgeTrash(WINDOW);
      assert.deepEqual(files.filter((f) => fs.existsSync(f)), [], 'trash files left behind');
      assert.equal(filesIn(trash).filter((n) => n.startsWith('d-')).length, 20, 'the folders are left alone');
    });

    it('a folder named like a trash file (with content) is left alone and does not stop it', async () => {
      const { store, trash } = await storeWithTrash();
      const files = Array.from({ length: 10 }, (_, i) => path.join(trash, `f-${i}.${OLD}.json`));
      for (const f of files) fs.writeFileSync(f, '{}');
      for (let i = 0; i < 10; i++) {
        const folder = path.join(trash, `g-${i}.${OLD}.json`);
        fs.mkdirSync(folder);
        fs.writeFileSync(path.join(folder, 'inside.txt'), 'kept');
      }
      await store.purgeTrash(WINDOW);
      assert.deepEqual(files.filter((f) => fs.existsSync(f)), []);
      assert.equal(fs.readFileSync(path.join(trash, `g-0.${OLD}.json`, 'inside.txt'), 'utf8'), 'kept');
    });

    it('reports what it purged and what it skipped, so nothing goes silently', async () => {
      const { store, trash, oldToken } = await storeWithTrash();
      fs.writeFileSync(path.join(trash, 'notes.txt'), 'x');
      const outcome = await store.purgeTrash(WINDOW);
      assert.deepEqual(outcome.purged, [`${oldToken}.json`]);
      assert.deepEqual(outcome.failed, []);
    });

    it('a trash/ that is a file, not a folder, is not an error and is left alone', async () => {
      const dir = tempDir('cc-hostile-store-');
      fs.writeFileSync(path.join(dir, 'trash'), 'not a folder');
      const store = new ConversationStore(dir, { now: () => NOW });
      await store.purgeTrash(WINDOW);
      assert.equal(fs.readFileSync(path.join(dir, 'trash'), 'utf8'), 'not a folder');
    });
  });

  describe('store lock', () => {
    it('release does not remove a lock another window took over between its check and its delete', async () => {
      const lock = path.join(tempDir('cc-hostile-lock-'), 'store.lock');
      const successor = holder('successor');
      const promises = fs.promises as { readFile: typeof fs.promises.readFile };
      const original = promises.readFile;
      await withLock(lock, async () => {
        // The next read of the lock is release's check. Right after it, another window judges this one
        // dead and takes the lock over (moves it aside, creates its own), as takeOver() does.
        promises.readFile = (async (file: fs.PathLike, ...rest: unknown[]) => {
          const text = await (original as (f: fs.PathLike, ...r: unknown[]) => Promise<string>)(file, ...rest);
          if (String(file) === lock) {
            promises.readFile = original;
            fs.renameSync(lock, `${lock}.stale-test`);
            fs.rmSync(`${lock}.stale-test`);
            fs.writeFileSync(lock, successor);
          }
          return text;
        }) as typeof fs.promises.readFile;
      }).finally(() => (promises.readFile = original));
      assert.equal(fs.readFileSync(lock, 'utf8'), successor, 'the successor still holds its lock');
    });

    it('release leaves a lock rewritten in place with another window’s token', async () => {
      const lock = path.join(tempDir('cc-hostile-lock-'), 'store.lock');
      const other = holder('other-window');
      await withLock(lock, async () => fs.writeFileSync(lock, other));
      assert.equal(fs.readFileSync(lock, 'utf8'), other);
    });

    it('release copes with its lock already gone (removed by someone else) and creates nothing', async () => {
      const dir = tempDir('cc-hostile-lock-');
      const lock = path.join(dir, 'store.lock');
      await withLock(lock, async () => fs.rmSync(lock));
      assert.deepEqual(filesIn(dir), []);
    });

    it('release removes its own lock and leaves nothing behind', async () => {
      const dir = tempDir('cc-hostile-lock-');
      const lock = path.join(dir, 'store.lock');
      await withLock(lock, async () => undefined);
      assert.deepEqual(filesIn(dir), []);
    });

    it('a lock file that is not JSON is never treated as ours', async () => {
      const lock = path.join(tempDir('cc-hostile-lock-'), 'store.lock');
      await withLock(lock, async () => fs.writeFileSync(lock, 'garbage'));
      assert.equal(fs.readFileSync(lock, 'utf8'), 'garbage');
    });
  });
});
