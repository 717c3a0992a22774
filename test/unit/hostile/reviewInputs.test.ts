// Reviews and attachments obey the tools' file rules: the check the editor runs on a document or a changed
// file (fileAccessChecker), what Review Uncommitted Changes keeps and leaves out (judgeChanges, leftOutNote),
// the question before sending one refused file (mayShare), and the @ picker and file attachments.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { judgeChanges, leftOutNote, mayShare, nothingSentNote, type AccessQuestion, type FileAccess } from '../../../src/core/files/accessGate';
import { AttachRefused, createNodeFileSystem, listWorkspaceFiles, readFileForAttachment } from '../../../src/core/tools';
import { fileAccessChecker } from '../../../src/core/tools/workspaceFiles';
import { removeTempDirs, tempDir, writeTree } from '../tools/helpers';

const refusedBecause = (access: FileAccess, why: RegExp) => {
  assert.equal(access.allowed, false, 'refused');
  assert.match((access as { reason: string }).reason, why);
};

describe('hostile workspace: review inputs', () => {
  after(removeTempDirs);

  let root: string;
  let outside: string;
  const ctx = (over: { exclude?: string[]; allowSecrets?: boolean } = {}) => ({ folders: [{ name: 'ws', root }], fs: createNodeFileSystem(), exclude: over.exclude ?? [], allowSecrets: over.allowSecrets ?? false });
  const check = (rel: string, over?: { exclude?: string[]; allowSecrets?: boolean }) => fileAccessChecker(ctx(over))(path.join(root, ...rel.split('/')));

  before(() => {
    root = tempDir('cc-review-ws-');
    outside = tempDir('cc-review-outside-');
    writeTree(root, {
      '.gitignore': 'dist/\n',
      '.claudeignore': 'private/\n',
      '.env': 'API_KEY=sk-live-1',
      '.npmrc': '//registry.npmjs.org/:_authToken=npm_secret',
      'secrets.pem': '-----BEGIN PRIVATE KEY-----',
      'private/notes.md': 'internal',
      'dist/app.js': 'built();',
      'src/app.ts': 'export const app = 1;\n',
      'generated/big.ts': 'gen',
      'pkg/.gitignore': 'local.json\n',
      'pkg/local.json': '{"token":"x"}',
      '.aws/credentials': '[default]\naws_secret_access_key=abc',
    });
    writeTree(outside, { 'hosts': '127.0.0.1 secret-host\n', 'dir/file.txt': 'outside dir' });
    fs.symlinkSync(path.join(outside, 'hosts'), path.join(root, 'hosts'));
    fs.symlinkSync(path.join(outside, 'dir'), path.join(root, 'linked'));
    fs.symlinkSync(path.join(root, '.env'), path.join(root, 'innocent.txt'));
    fs.symlinkSync(path.join(root, 'missing-target'), path.join(root, 'dangling.txt'));
  });

  describe('the check a review or an attachment runs on a file', () => {
    it('a plain source file is allowed', async () => {
      assert.deepEqual(await check('src/app.ts'), { allowed: true });
    });

    it('.env is refused by the secret patterns, and the reason names the pattern', async () => {
      refusedBecause(await check('.env'), /secret patterns \(`\.env\*`\)/);
    });

    it('secrets.pem is refused by the secret patterns', async () => {
      refusedBecause(await check('secrets.pem'), /secret patterns \(`\*\.pem`\)/);
    });

    it('a file in a .claudeignore\'d folder is refused, naming .claudeignore', async () => {
      refusedBecause(await check('private/notes.md'), /`private\/` in \.claudeignore/);
    });

    it('a .gitignore\'d file is refused even when git tracks it, naming .gitignore', async () => {
      refusedBecause(await check('dist/app.js'), /`dist\/` in \.gitignore/);
    });

    it('a symbolic link to a file outside the workspace is refused', async () => {
      refusedBecause(await check('hosts'), /resolves outside the workspace/);
    });

    it('a file below a symbolic link to a folder outside the workspace is refused', async () => {
      refusedBecause(await check('linked/file.txt'), /resolves outside the workspace/);
    });

    it('an innocent-looking symbolic link to .env inside the workspace is refused by where it points', async () => {
      refusedBecause(await check('innocent.txt'), /secret patterns/);
    });

    it('a dangling symbolic link is refused (it could be pointed anywhere later)', async () => {
      refusedBecause(await check('dangling.txt'), /symbolic link whose target does not exist/);
    });

    it('a nested .gitignore refuses the files below its folder, naming it', async () => {
      refusedBecause(await check('pkg/local.json'), /pkg\/\.gitignore/);
    });

    it('a file outside every workspace folder is refused', async () => {
      refusedBecause(await fileAccessChecker(ctx())(path.join(outside, 'hosts')), /outside the workspace folders/);
    });

    it('a deleted .env is judged by its path', async () => {
      refusedBecause(await check('config/.env.production'), /secret patterns/);
    });

    it('a claudeCompanion.tools.exclude glob refuses too', async () => {
      refusedBecause(await check('generated/big.ts', { exclude: ['generated/**'] }), /claudeCompanion\.tools\.exclude/);
    });

    it('tools.allowSecrets (user scope) deliberately allows .env again', async () => {
      assert.deepEqual(await check('.env', { allowSecrets: true }), { allowed: true });
    });

    it('a document opened through a symbolic link to the workspace is judged by where it really is', async () => {
      const alias = path.join(outside, 'alias');
      fs.symlinkSync(root, alias);
      const viaAlias = fileAccessChecker(ctx());
      assert.deepEqual(await viaAlias(path.join(alias, 'src', 'app.ts')), { allowed: true });
      refusedBecause(await viaAlias(path.join(alias, '.env')), /secret patterns/);
    });

    it('in a multi-root workspace each folder\'s file is checked in its own folder', async () => {
      const second = tempDir('cc-review-second-');
      writeTree(second, { '.env.local': 'TOKEN=x', 'lib/ok.ts': 'ok' });
      const multi = fileAccessChecker({ folders: [{ name: 'ws', root }, { name: 'second', root: second }], fs: createNodeFileSystem(), exclude: [], allowSecrets: false });
      refusedBecause(await multi(path.join(second, '.env.local')), /secret patterns/);
      assert.deepEqual(await multi(path.join(second, 'lib', 'ok.ts')), { allowed: true });
    });
  });

  describe('Review Uncommitted Changes: what is kept and what is left out', () => {
    const verdicts: Record<string, FileAccess> = {
      'src/a.ts': { allowed: true },
      '.env': { allowed: false, reason: 'secret pattern `.env*`' },
      'dist/app.js': { allowed: false, reason: '.gitignore `dist/`' },
      'config.txt': { allowed: true },
    };
    const byTable = async (p: string) => verdicts[p] ?? { allowed: true };

    it('refused files are left out with their reasons; the rest is kept in order', async () => {
      const changes = ['.env', 'src/a.ts', 'dist/app.js'].map((p) => ({ path: p, location: p }));
      const judged = await judgeChanges(changes, byTable);
      assert.deepEqual(judged.kept.map((k) => k.change.path), ['src/a.ts']);
      assert.deepEqual(judged.leftOut, [
        { path: '.env', reason: 'secret pattern `.env*`' },
        { path: 'dist/app.js', reason: '.gitignore `dist/`' },
      ]);
    });

    it('a file renamed from .env is reviewed without its text at HEAD', async () => {
      const judged = await judgeChanges([{ path: 'config.txt', location: 'config.txt', original: '.env' }], byTable);
      assert.deepEqual(judged.kept.map((k) => [k.change.path, k.withCommittedText]), [['config.txt', false]]);
    });

    it('a check that fails leaves the file out (fail closed)', async () => {
      const judged = await judgeChanges([{ path: 'weird', location: 'weird' }], async () => {
        throw new Error('EACCES');
      });
      assert.equal(judged.kept.length, 0);
      assert.match(judged.leftOut[0]!.reason, /could not be checked \(EACCES\)/);
    });

    it('the chat note lists every left-out file with its reason', () => {
      const note = leftOutNote([
        { path: '.env', reason: 'secret pattern `.env*`' },
        { path: 'dist/app.js', reason: '.gitignore `dist/`' },
      ]);
      assert.match(note, /^Left out of this review, 2 files/);
      assert.match(note, /\n- \.env: secret pattern `\.env\*`\n- dist\/app\.js: \.gitignore `dist\/`$/);
      assert.equal(leftOutNote([]), '');
      assert.match(nothingSentNote(), /Nothing was sent to Claude/);
    });
  });

  describe('Review Current File, Review Selection, Add Selection: ask before sending a refused file', () => {
    const asking = (answer: boolean | Error) => {
      const asked: AccessQuestion[] = [];
      const ask = async (q: AccessQuestion) => {
        asked.push(q);
        if (answer instanceof Error) throw answer;
        return answer;
      };
      return { asked, ask };
    };
    const secret = async (): Promise<FileAccess> => ({ allowed: false, reason: '`.env` is excluded by the default secret patterns (`.env*`).' });

    it('a file the tools may read is sent without a question', async () => {
      const { asked, ask } = asking(false);
      assert.equal(await mayShare('src/a.ts', 'review', async () => ({ allowed: true }), ask), true);
      assert.equal(asked.length, 0);
    });

    it('.env asks, naming the rule, and Cancel sends nothing', async () => {
      const { asked, ask } = asking(false);
      assert.equal(await mayShare('.env', 'review', secret, ask), false);
      assert.equal(asked.length, 1);
      assert.match(asked[0]!.message, /Send \.env to Claude for review\?/);
      assert.match(asked[0]!.detail, /secret patterns \(`\.env\*`\)/);
    });

    it('Add Selection on .env asks its own question; Send Anyway sends', async () => {
      const { asked, ask } = asking(true);
      assert.equal(await mayShare('.env', 'attach', secret, ask), true);
      assert.match(asked[0]!.message, /Add \.env to the chat\?/);
    });

    it('a question that cannot be shown (dialogs refused) counts as Cancel', async () => {
      const { ask } = asking(new Error('DialogService: refused to show dialog in tests.'));
      assert.equal(await mayShare('.env', 'review', secret, ask), false);
    });

    it('a check that fails asks rather than sending silently', async () => {
      const { asked, ask } = asking(false);
      const broken = async (): Promise<FileAccess> => {
        throw new Error('EIO');
      };
      assert.equal(await mayShare('x.ts', 'attach', broken, ask), false);
      assert.match(asked[0]!.detail, /could not be checked \(EIO\)/);
    });
  });

  describe('the @ picker and file attachments', () => {
    it('the picker does not list .env, .npmrc, ignored files or a symbolic link leaving the workspace', async () => {
      const files = await listWorkspaceFiles(ctx());
      for (const hidden of ['.env', '.npmrc', 'secrets.pem', 'private/notes.md', 'dist/app.js', 'hosts', 'linked/file.txt']) assert.ok(!files.includes(hidden), `${hidden} is listed: ${files.join(', ')}`);
      assert.ok(files.includes('src/app.ts'));
    });

    it('the picker does not list .aws/credentials, and attaching it is refused', async () => {
      assert.ok(!(await listWorkspaceFiles(ctx())).includes('.aws/credentials'));
      await assert.rejects(readFileForAttachment('.aws/credentials', ctx()), (e: unknown) => e instanceof AttachRefused && /secret patterns/.test(e.message));
    });

    it('attaching .npmrc (a newer secret pattern) is refused', async () => {
      await assert.rejects(readFileForAttachment('.npmrc', ctx()), (e: unknown) => e instanceof AttachRefused && /secret patterns/.test(e.message));
    });

    it('attaching .env is refused', async () => {
      await assert.rejects(readFileForAttachment('.env', ctx()), (e: unknown) => e instanceof AttachRefused && /secret patterns \(`\.env\*`\)/.test(e.message));
    });

    it('attaching a symbolic link to a file outside the workspace is refused', async () => {
      await assert.rejects(readFileForAttachment('hosts', ctx()), (e: unknown) => e instanceof AttachRefused && /outside the workspace/.test(e.message));
    });
  });
});
