import assert from 'node:assert/strict';
import { AttachRefused, MAX_ATTACHED_FILE_BYTES, createNodeFileSystem, listWorkspaceFiles, readFileForAttachment } from '../../../src/core/tools';
import { removeTempDirs, tempDir, writeTree } from './helpers';

describe('workspace files for the @ picker', () => {
  after(removeTempDirs);

  function workspace(exclude: string[] = []) {
    const root = tempDir();
    writeTree(root, {
      '.gitignore': 'build/\n',
      '.claudeignore': 'private.md\n',
      '.env': 'TOKEN=secret',
      'src/greet.ts': 'export const greet = 1;\n',
      'src/nested/.gitignore': 'local.ts\n',
      'src/nested/local.ts': 'x',
      'src/nested/kept.ts': 'y',
      'build/out.js': 'z',
      'private.md': 'p',
      'big.txt': 'a'.repeat(MAX_ATTACHED_FILE_BYTES + 1),
      'logo.bin': new Uint8Array([0, 1, 2, 0]),
      'dist/x.js': 'd',
    });
    return { folders: [{ name: 'ws', root }], fs: createNodeFileSystem(), exclude, allowSecrets: false };
  }

  it('lists files with the same ignore rules as the tools', async () => {
    const files = await listWorkspaceFiles(workspace(['dist']));
    for (const hidden of ['.env', 'build/out.js', 'private.md', 'src/nested/local.ts', 'dist/x.js']) assert.ok(!files.includes(hidden), `${hidden} is listed: ${files.join(', ')}`);
    for (const shown of ['src/greet.ts', 'src/nested/kept.ts', '.gitignore']) assert.ok(files.includes(shown), `${shown} is missing: ${files.join(', ')}`);
  });

  it('reads a file for an attachment, and refuses ignored, missing, binary and large ones with reasons', async () => {
    const ctx = workspace();
    const file = await readFileForAttachment('src/greet.ts', ctx);
    assert.deepEqual(file, { displayPath: 'src/greet.ts', text: 'export const greet = 1;\n', lines: 1 });
    const refused = async (p: string, why: RegExp) => assert.rejects(readFileForAttachment(p, ctx), (e: unknown) => e instanceof AttachRefused && why.test(e.message));
    await refused('.env', /Cannot attach `\.env`: .*secret patterns/);
    await refused('build/out.js', /matched `build\/` in \.gitignore/);
    await refused('../outside.txt', /Cannot attach/);
    await refused('nope.ts', /does not exist/);
    await refused('logo.bin', /binary file/);
    await refused('big.txt', /more than the 256 KB/);
  });
});
