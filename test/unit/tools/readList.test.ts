import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getDiagnosticsTool, listFilesTool, readFileTool, runTool, type ToolContext } from '../../../src/core/tools';
import { FakeDiagnostics, folder, makeContext, removeTempDirs, tempDir, writeTree } from './helpers';

function single(files: Record<string, string | Uint8Array>, o: Partial<ToolContext> = {}) {
  const root = tempDir('cc-read-');
  writeTree(root, files);
  return { root, ctx: makeContext([folder('ws', root)], o) };
}

const numbered = (n: number) => Array.from({ length: n }, (_, i) => `line ${i + 1}`).join('\n') + '\n';

describe('tools: read_file', () => {
  after(removeTempDirs);

  it('prefixes line numbers and reads a whole small file', async () => {
    const { ctx } = single({ 'src/a.ts': 'const a = 1;\n\tindented\n' });
    const out = await runTool(readFileTool, { path: 'src/a.ts' }, ctx, 'tu');
    assert.equal(out.status, 'done');
    assert.equal(out.content, '    1| const a = 1;\n    2| \tindented');
    assert.equal(out.summary, 'read 2 lines of src/a.ts');
  });

  it('reads an inclusive 1-based range and says which part it is', async () => {
    const { ctx } = single({ 'f.txt': numbered(20) });
    const out = await runTool(readFileTool, { path: 'f.txt', start_line: 5, end_line: 7 }, ctx, 'tu');
    assert.equal(out.content, '    5| line 5\n    6| line 6\n    7| line 7\n(Lines 5–7 of 20.)');
  });

  it('validates ranges: end before start, start past the end (with the line count), end past the end clamps', async () => {
    const { ctx } = single({ 'f.txt': numbered(20) });
    const backwards = await runTool(readFileTool, { path: 'f.txt', start_line: 9, end_line: 3 }, ctx, 'tu');
    assert.equal(backwards.status, 'failed');
    assert.match(backwards.content, /`end_line` \(3\) is before `start_line` \(9\)/);
    const past = await runTool(readFileTool, { path: 'f.txt', start_line: 21 }, ctx, 'tu');
    assert.equal(past.isError, true);
    assert.match(past.content, /past the end of `f\.txt`, which has 20 lines/);
    const clamp = await runTool(readFileTool, { path: 'f.txt', start_line: 19, end_line: 500 }, ctx, 'tu');
    assert.equal(clamp.isError, false);
    assert.ok(clamp.content.startsWith('   19| line 19\n   20| line 20\n'), clamp.content);
    assert.match(clamp.content, /the file has 20 lines/);
  });

  it('caps a call at 2000 lines and says how to read the rest', async () => {
    const { ctx } = single({ 'big.txt': numbered(2500) });
    const out = await runTool(readFileTool, { path: 'big.txt' }, ctx, 'tu');
    const lines = out.content.split('\n');
    assert.equal(lines.filter((l) => /^\s*\d+\| /.test(l)).length, 2000);
    assert.match(out.content, /Showing lines 1–2000 of 2500.*start_line: 2001/);
    const rest = await runTool(readFileTool, { path: 'big.txt', start_line: 2001 }, ctx, 'tu');
    assert.match(rest.content, /^ 2001\| line 2001/);
    assert.match(rest.content, / 2500\| line 2500\n\(Lines 2001–2500 of 2500\.\)$/);
  });

  it('caps a call at 256 KB and truncates very long lines', async () => {
    const wide = Array.from({ length: 400 }, (_, i) => `${i}`.padEnd(1000, 'x')).join('\n');
    const { ctx } = single({ 'wide.txt': wide, 'min.js': 'y'.repeat(50_000) });
    const out = await runTool(readFileTool, { path: 'wide.txt' }, ctx, 'tu');
    assert.ok(out.content.length <= 256 * 1024 + 500, String(out.content.length));
    assert.match(out.content, /limit per call was reached\. To read more, call read_file with start_line: \d+/);
    const min = await runTool(readFileTool, { path: 'min.js' }, ctx, 'tu');
    assert.match(min.content, /line truncated: 48000 more characters/);
    assert.match(min.content, /1 long line was truncated/);
  });

  it('refuses binary files and folders; missing files get a hint', async () => {
    const { ctx } = single({ 'img.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]), 'dir/x': 'x', 'src/Main.ts': 'x' });
    const bin = await runTool(readFileTool, { path: 'img.png' }, ctx, 'tu');
    assert.equal(bin.status, 'failed');
    assert.match(bin.content, /binary file/);
    const dir = await runTool(readFileTool, { path: 'dir' }, ctx, 'tu');
    assert.match(dir.content, /is a folder.*list_files/);
    const missing = await runTool(readFileTool, { path: 'src/main.ts' }, ctx, 'tu');
    assert.match(missing.content, /does not exist\. Did you mean `src\/Main\.ts`\?/);
  });

  it('decodes UTF-8 with a BOM, UTF-16 LE and BE, and invalid UTF-8 with a note', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('héllo\nwörld\n', 'utf16le')]);
    const beBody = Buffer.from('héllo\n', 'utf16le');
    beBody.swap16();
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), beBody]);
    const { ctx } = single({
      'bom.txt': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('bom\n')]),
      'le.txt': le,
      'be.txt': be,
      'bad.txt': Buffer.from([0x61, 0xc3, 0x28, 0x62]),
      'crlf.txt': 'a\r\nb\r\n',
      'empty.txt': '',
    });
    assert.equal((await runTool(readFileTool, { path: 'bom.txt' }, ctx, 'tu')).content, '    1| bom');
    assert.equal((await runTool(readFileTool, { path: 'le.txt' }, ctx, 'tu')).content, '    1| héllo\n    2| wörld\n(Encoding: UTF-16LE.)');
    assert.match((await runTool(readFileTool, { path: 'be.txt' }, ctx, 'tu')).content, /^ {4}1\| héllo\n\(Encoding: UTF-16BE\.\)$/);
    const bad = await runTool(readFileTool, { path: 'bad.txt' }, ctx, 'tu');
    assert.equal(bad.isError, false);
    assert.match(bad.content, /a\uFFFD\(b/);
    assert.match(bad.content, /not valid UTF-8/);
    assert.equal((await runTool(readFileTool, { path: 'crlf.txt' }, ctx, 'tu')).content, '    1| a\n    2| b');
    assert.match((await runTool(readFileTool, { path: 'empty.txt' }, ctx, 'tu')).content, /is empty \(0 lines\)/);
  });

  it('multi-root paths start with the folder name', async () => {
    const a = tempDir('cc-front-');
    const b = tempDir('cc-back-');
    writeTree(a, { 'x.txt': 'front' });
    writeTree(b, { 'x.txt': 'back' });
    const ctx = makeContext([folder('front', a), folder('back', b)]);
    assert.equal((await runTool(readFileTool, { path: 'back/x.txt' }, ctx, 'tu')).content, '    1| back');
    assert.equal((await runTool(readFileTool, { path: 'front\\x.txt' }, ctx, 'tu')).content, '    1| front');
    assert.equal((await runTool(readFileTool, { path: 'x.txt' }, ctx, 'tu')).status, 'refused');
  });
});

describe('tools: list_files', () => {
  after(removeTempDirs);

  const tree = {
    '.gitignore': 'dist/\n*.log\n!keep.log\n',
    '.claudeignore': 'private/\n',
    'README.md': '#',
    'src/a.ts': '',
    'src/b.test.ts': '',
    'src/util/c.ts': '',
    'dist/out.js': '',
    'debug.log': '',
    'keep.log': '',
    'private/notes.md': '',
    'generated/g.ts': '',
    '.env': 'S=1',
    '.git/config': '',
    'certs/server.pem': '',
    'pkg/.gitignore': 'build/\n',
    'pkg/build/x.js': '',
    'pkg/index.ts': '',
  };

  it('lists the root, folders end with `/`, ignored and secret entries are left out', async () => {
    const { ctx } = single(tree);
    const out = await runTool(listFilesTool, {}, ctx, 'tu');
    assert.equal(out.content, ['.claudeignore', '.gitignore', 'README.md', 'certs/', 'generated/', 'keep.log', 'pkg/', 'src/'].join('\n'));
    assert.match(out.summary, /listed 8 entries in the workspace root/);
  });

  it('recursive listing, nested .gitignore, tools.exclude and allowSecrets', async () => {
    const { root } = single(tree);
    const ctx = makeContext([folder('ws', root)], { exclude: ['generated', '**/*.{md,txt}'] });
    const out = await runTool(listFilesTool, { recursive: true }, ctx, 'tu');
    assert.deepEqual(out.content.split('\n'), ['.claudeignore', '.gitignore', 'certs/', 'keep.log', 'pkg/', 'pkg/.gitignore', 'pkg/index.ts', 'src/', 'src/a.ts', 'src/b.test.ts', 'src/util/', 'src/util/c.ts']);
    const open = makeContext([folder('ws', root)], { allowSecrets: true });
    const all = (await runTool(listFilesTool, { recursive: true }, open, 'tu')).content.split('\n');
    for (const e of ['.env', '.git/', '.git/config', 'certs/server.pem']) assert.ok(all.includes(e), e);
    assert.ok(!all.includes('dist/') && !all.includes('private/'));
  });

  it('a path lists one folder; a pattern filters by workspace-relative path and implies recursion', async () => {
    const { ctx } = single(tree);
    assert.equal((await runTool(listFilesTool, { path: 'src' }, ctx, 'tu')).content, 'src/a.ts\nsrc/b.test.ts\nsrc/util/');
    assert.equal((await runTool(listFilesTool, { path: 'src/util/' }, ctx, 'tu')).content, 'src/util/c.ts');
    assert.equal((await runTool(listFilesTool, { pattern: '**/*.test.ts' }, ctx, 'tu')).content, 'src/b.test.ts');
    assert.equal((await runTool(listFilesTool, { pattern: 'src/*.ts', recursive: false }, ctx, 'tu')).content.split('\n').length, 1);
    const none = await runTool(listFilesTool, { pattern: '**/*.py' }, ctx, 'tu');
    assert.equal(none.isError, false);
    assert.match(none.content, /No entries .* match `\*\*\/\*\.py`/);
    const file = await runTool(listFilesTool, { path: 'README.md' }, ctx, 'tu');
    assert.match(file.content, /is a file.*read_file/);
    const ignored = await runTool(listFilesTool, { path: 'dist' }, ctx, 'tu');
    assert.equal(ignored.status, 'refused');
    assert.match(ignored.content, /matched `dist\/` in \.gitignore/);
  });

  it('bounds the output at 500 entries with a note saying how many more', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 620; i++) files[`many/f${String(i).padStart(4, '0')}.txt`] = '';
    const { ctx } = single(files);
    const out = await runTool(listFilesTool, { path: 'many' }, ctx, 'tu');
    const lines = out.content.split('\n');
    assert.equal(lines.length, 501);
    assert.equal(lines[500], '… 120 more entries not shown; narrow with path or pattern.');
  });

  it('shows symbolic links without following them', async () => {
    const { root, ctx } = single({ 'a/x.txt': '' });
    const outside = tempDir('cc-out-');
    writeTree(outside, { 'secret.txt': 's' });
    fs.symlinkSync(outside, path.join(root, 'a', 'out'));
    const out = await runTool(listFilesTool, { recursive: true }, ctx, 'tu');
    assert.equal(out.content, 'a/\na/out (symbolic link)\na/x.txt');
  });

  it('multi-root: no path lists every folder, prefixed with its name', async () => {
    const a = tempDir('cc-front-');
    const b = tempDir('cc-back-');
    writeTree(a, { 'index.html': '', 'src/app.ts': '' });
    writeTree(b, { 'main.go': '' });
    const ctx = makeContext([folder('front', a), folder('back', b)]);
    assert.equal((await runTool(listFilesTool, {}, ctx, 'tu')).content, 'front/index.html\nfront/src/\nback/main.go');
    assert.equal((await runTool(listFilesTool, { path: 'front/src' }, ctx, 'tu')).content, 'front/src/app.ts');
    assert.equal((await runTool(listFilesTool, { pattern: 'front/**/*.ts' }, ctx, 'tu')).content, 'front/src/app.ts');
  });
});

describe('tools: get_diagnostics', () => {
  after(removeTempDirs);

  it('lists problems as `line: severity: message [source]`, or says there are none', async () => {
    const root = tempDir('cc-diag-');
    writeTree(root, { 'a.ts': 'x', 'b.ts': 'y' });
    const diagnostics = new FakeDiagnostics({
      [path.join(root, 'a.ts')]: [
        { severity: 'warning', line: 9, endLine: 9, message: 'unused\nvariable', source: 'eslint' },
        { severity: 'error', line: 3, endLine: 4, message: "Cannot find name 'x'.", source: 'ts' },
      ],
    });
    const ctx = makeContext([folder('ws', root)], { diagnostics });
    const out = await runTool(getDiagnosticsTool, { path: 'a.ts' }, ctx, 'tu');
    assert.equal(out.content, "3: error: Cannot find name 'x'. [ts]\n9: warning: unused variable [eslint]");
    assert.equal(out.summary, '2 problems in a.ts (1 error)');
    const none = await runTool(getDiagnosticsTool, { path: 'b.ts' }, ctx, 'tu');
    assert.equal(none.content, 'No problems reported for `b.ts`.');
    const unavailable = makeContext([folder('ws', root)]);
    delete (unavailable as { diagnostics?: unknown }).diagnostics;
    const u = await runTool(getDiagnosticsTool, { path: 'a.ts' }, unavailable, 'tu');
    assert.equal(u.isError, true);
    assert.match(u.content, /Diagnostics are unavailable/);
  });
});
