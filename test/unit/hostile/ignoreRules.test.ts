// Hostile workspaces vs the ignore rules: secrets stay refused, a rules file that cannot be read refuses
// instead of allowing, and a nested workspace folder's own rules apply however the path is written.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type FileSystemPort, IgnoreRules, listFilesTool, readFileTool, resolveToolPath, runTool, searchFilesTool } from '../../../src/core/tools';
import { skipBecause } from '../../support/skip';
import { folder, makeContext, removeTempDirs, tempDir, writeTree } from '../tools/helpers';

const fsPort = () => makeContext([]).fs;

async function rulesFor(files: Record<string, string | Uint8Array>, exclude: string[] = []) {
  const root = tempDir('cc-hostile-ign-');
  writeTree(root, files);
  return { root, rules: await IgnoreRules.load(fsPort(), root, { exclude, allowSecrets: false }) };
}

describe('hostile workspace: ignore rules', () => {
  after(removeTempDirs);

  describe('secret patterns', () => {
    const secrets = ['.npmrc', '.netrc', '.pypirc', '.aws/credentials', 'x.p12', 'x.pfx', 'x.jks', 'credentials.json', 'credentials-prod.json', 'prod.tfvars', 'prod.tfvars.json', '_netrc', '.dev.vars', 'id_ed25519', 'id_ed25519.pub'];
    for (const secret of secrets) {
      it(`refuses ${secret}, at the root and nested`, async () => {
        const { rules } = await rulesFor({});
        for (const rel of [secret, `deploy/${secret}`]) assert.match((await rules.reason(rel, false)) ?? '(allowed)', /excluded by the default secret patterns/, rel);
      });
    }

    it('read_file refuses a secret file and says how to allow it', async () => {
      const root = tempDir('cc-hostile-ign-');
      writeTree(root, { 'home/.aws/credentials': '[default]\naws_secret_access_key=x\n' });
      const out = await runTool(readFileTool, { path: 'home/.aws/credentials' }, makeContext([folder('ws', root)]), 'tu');
      assert.equal(out.status, 'refused');
      assert.match(out.content, /claudeCompanion\.tools\.allowSecrets/);
    });

    it('does not refuse look-alikes (credentials.md, notes.tfvars.md, npmrc.ts)', async () => {
      const { rules } = await rulesFor({});
      for (const rel of ['docs/credentials.md', 'notes.tfvars.md', 'src/npmrc.ts', 'aws/credentials.ts']) assert.equal(await rules.reason(rel, false), undefined, rel);
    });
  });

  describe('rules files fail closed', () => {
    for (const name of ['.gitignore', '.claudeignore']) {
      it(`a binary ${name} refuses the files it covers, naming the file`, async () => {
        const { rules } = await rulesFor({ [name]: new Uint8Array([0x73, 0x65, 0, 0x63, 0x72]), 'a.txt': 'a' });
        assert.match((await rules.reason('a.txt', false)) ?? '(allowed)', new RegExp(`${name.replace('.', '\\.')}.*could not be used`));
      });

      it(`an unreadable ${name} refuses instead of allowing`, async () => {
        const { root } = await rulesFor({ 'a.txt': 'a', [name]: 'nothing\n' });
        // A port that fails the read the way a mode-000 file does (root would read it anyway).
        const real = fsPort();
        const denied: FileSystemPort = {
          ...real,
          readFile: async (p) => {
            if (path.basename(p) === name) throw Object.assign(new Error('permission denied'), { code: 'EACCES' });
            return real.readFile(p);
          },
        };
        const rules = await IgnoreRules.load(denied, root, { exclude: [], allowSecrets: false });
        assert.match((await rules.reason('a.txt', false)) ?? '(allowed)', new RegExp(`\`${name.replace('.', '\\.')}\` could not be used \\(it could not be read: EACCES\\)`));
      });

      it(`a ${name} symlinked outside the folder refuses`, async () => {
        const root = tempDir('cc-hostile-ign-');
        const elsewhere = tempDir('cc-hostile-out-');
        writeTree(root, { 'a.txt': 'a' });
        writeTree(elsewhere, { rules: 'other.txt\n' });
        fs.symlinkSync(path.join(elsewhere, 'rules'), path.join(root, name));
        const rules = await IgnoreRules.load(fsPort(), root, { exclude: [], allowSecrets: false });
        assert.match((await rules.reason('a.txt', false)) ?? '(allowed)', /symbolic link.*outside/);
      });

      it(`a ${name} symlinked to a file inside the folder is followed`, async () => {
        const root = tempDir('cc-hostile-ign-');
        writeTree(root, { 'shared/rules.txt': 'b.txt\n', 'a.txt': 'a', 'b.txt': 'b' });
        fs.symlinkSync(path.join(root, 'shared', 'rules.txt'), path.join(root, name));
        const rules = await IgnoreRules.load(fsPort(), root, { exclude: [], allowSecrets: false });
        assert.equal(await rules.reason('a.txt', false), undefined);
        assert.match((await rules.reason('b.txt', false)) ?? '(allowed)', /matched `b\.txt`/);
      });
    }

    it('a broken nested .gitignore refuses only below its own folder', async () => {
      const { rules } = await rulesFor({ 'pkg/.gitignore': new Uint8Array([0, 0, 0]), 'pkg/a.ts': '', 'src/b.ts': '' });
      assert.match((await rules.reason('pkg/a.ts', false)) ?? '(allowed)', /pkg\/\.gitignore/);
      assert.equal(await rules.reason('src/b.ts', false), undefined);
    });

    it('a .gitignore that is a FIFO refuses without being read (it would block)', async function () {
      const root = tempDir('cc-hostile-ign-');
      writeTree(root, { 'a.txt': 'a' });
      try {
        execFileSync('mkfifo', [path.join(root, '.gitignore')]);
      } catch {
        skipBecause(this, 'mkfifo is not available on this system');
      }
      const rules = await IgnoreRules.load(fsPort(), root, { exclude: [], allowSecrets: false });
      assert.match((await rules.reason('a.txt', false)) ?? '(allowed)', /not a regular file/);
    });

    it('list_files leaves out what a broken rules file covers and says so when asked for it', async () => {
      const root = tempDir('cc-hostile-ign-');
      writeTree(root, { '.claudeignore': new Uint8Array([1, 0, 2]), 'a.txt': 'a' });
      const ctx = makeContext([folder('ws', root)]);
      const out = await runTool(readFileTool, { path: 'a.txt' }, ctx, 'tu');
      assert.equal(out.status, 'refused');
      assert.match(out.content, /\.claudeignore/);
    });

    it('a rules line over the length cap fails closed, naming the file and the line', async () => {
      const { rules } = await rulesFor({ '.gitignore': `ok.txt\n${'a'.repeat(2000)}\n`, 'b.txt': '' });
      assert.match((await rules.reason('b.txt', false)) ?? '(allowed)', /\.gitignore.*line 2/);
    });

    it('a rules line with too many wildcards fails closed', async () => {
      const { rules } = await rulesFor({ '.claudeignore': `${'*a'.repeat(100)}\n`, 'b.txt': '' });
      assert.match((await rules.reason('b.txt', false)) ?? '(allowed)', /\.claudeignore.*line 1.*wildcards/);
    });

    it('a rules file over the line cap fails closed', async () => {
      const { rules } = await rulesFor({ '.gitignore': 'x\n'.repeat(10_001), 'b.txt': '' });
      assert.match((await rules.reason('b.txt', false)) ?? '(allowed)', /`\.gitignore` could not be used \(line 10001: more than 10000 lines/);
    });

    it('a rules file over the size cap fails closed without being parsed', async () => {
      const { rules } = await rulesFor({ '.claudeignore': `#${'x'.repeat(1024 * 1024)}\n`, 'b.txt': '' });
      assert.match((await rules.reason('b.txt', false)) ?? '(allowed)', /`\.claudeignore` could not be used \(it is larger than 1024 KB\)/);
    });

    it('a .claudeignore that is a directory fails closed', async () => {
      const { rules } = await rulesFor({ '.claudeignore/x': '', 'b.txt': '' });
      assert.match((await rules.reason('b.txt', false)) ?? '(allowed)', /not a regular file/);
    });

    it('a tools.exclude entry over the caps fails closed, naming the setting', async () => {
      const { rules } = await rulesFor({ 'b.txt': '' }, [`{${Array.from({ length: 40 }, (_, i) => `a${i}`).join(',')}}{${Array.from({ length: 40 }, (_, i) => `b${i}`).join(',')}}`]);
      assert.match((await rules.reason('b.txt', false)) ?? '(allowed)', /claudeCompanion\.tools\.exclude/);
    });
  });

  describe('nested workspace folders', () => {
    function nested() {
      const outer = tempDir('cc-hostile-outer-');
      writeTree(outer, { 'readme.md': '', 'inner/.claudeignore': 'private.txt\n', 'inner/private.txt': 'TOPSECRET', 'inner/ok.txt': 'TOPSECRET is not here' });
      const ctx = makeContext([folder('outer', outer), folder('inner', path.join(outer, 'inner'))]);
      return { outer, ctx };
    }

    it("the inner folder's .claudeignore applies when the file is named through the outer folder", async () => {
      const { ctx } = nested();
      await assert.rejects(resolveToolPath('outer/inner/private.txt', ctx, { mustExist: true }), /matched `private\.txt` in \.claudeignore/);
      await assert.rejects(resolveToolPath('inner/private.txt', ctx, { mustExist: true }), /matched `private\.txt`/);
      assert.equal((await resolveToolPath('outer/inner/ok.txt', ctx, { mustExist: true })).relPath, 'inner/ok.txt');
    });

    it('read_file refuses it through the outer folder', async () => {
      const { ctx } = nested();
      const out = await runTool(readFileTool, { path: 'outer/inner/private.txt' }, ctx, 'tu');
      assert.equal(out.status, 'refused');
    });

    it('search_files limited to the outer folder does not return it', async () => {
      const { ctx } = nested();
      const out = await runTool(searchFilesTool, { query: 'TOPSECRET', include: 'outer/**' }, ctx, 'tu');
      assert.equal(out.content, 'outer/inner/ok.txt:1: TOPSECRET is not here');
    });

    it('list_files through the outer folder leaves it out', async () => {
      const { ctx } = nested();
      const out = await runTool(listFilesTool, { path: 'outer', recursive: true }, ctx, 'tu');
      assert.ok(out.content.includes('outer/inner/ok.txt'), out.content);
      assert.ok(!out.content.includes('private.txt'), out.content);
    });
  });
});
