import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createFallbackSearch, createNodeFileSystem, createRipgrepSearch, findRipgrep, runTool, searchFilesTool, type SearchPort } from '../../../src/core/tools';
import { skipBecause } from '../../support/skip';
import { folder, makeContext, removeTempDirs, tempDir, writeTree } from './helpers';

const corpus = {
  '.gitignore': 'dist/\n',
  'src/a.ts': 'const needle = 1;\nconst other = 2;\n// needle again\n',
  'src/b.js': 'let Needle = 3; // needle\n',
  'src/deep/c.ts': 'function needle() {}\n',
  'dist/bundle.js': 'needle in dist\n',
  '.env': 'NEEDLE=needle\n',
  'bin.dat': Buffer.concat([Buffer.from('needle'), Buffer.from([0, 1, 2])]),
  'long.txt': `${'x'.repeat(500)}needle${'y'.repeat(500)}\n`,
};

/**
 * A real ripgrep: CLAUDE_COMPANION_RIPGREP (`npm test` sets it to the provisioned editor's bundled rg, so CI
 * runs this suite), else `rg` on PATH.
 */
function realRipgrep(): string | undefined {
  const fromEnv = process.env.CLAUDE_COMPANION_RIPGREP;
  if (fromEnv) {
    if (!fs.existsSync(fromEnv)) throw new Error(`CLAUDE_COMPANION_RIPGREP=${fromEnv} does not exist`);
    return fromEnv;
  }
  try {
    return execFileSync('which', ['rg'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

const NO_RIPGREP = 'no ripgrep: set CLAUDE_COMPANION_RIPGREP or put rg on PATH (`npm test` passes the provisioned editor\'s)';

function describeSearch(name: string, makePort: () => SearchPort | undefined) {
  describe(`tools: search_files (${name})`, () => {
    let root: string;
    let port: SearchPort | undefined;
    before(function () {
      port = makePort();
      if (!port) skipBecause(this, NO_RIPGREP);
      root = tempDir('cc-search-');
      writeTree(root, corpus);
    });
    after(removeTempDirs);
    const ctx = (o = {}) => makeContext([folder('ws', root)], { search: port!, ...o });

    it('finds literal text as `path:line: text`, skipping ignored, secret and binary files', async () => {
      const out = await runTool(searchFilesTool, { query: 'needle' }, ctx(), 'tu');
      const lines = out.content.split('\n').sort();
      assert.deepEqual(lines.filter((l) => !l.startsWith('long.txt')), ['src/a.ts:1: const needle = 1;', 'src/a.ts:3: // needle again', 'src/b.js:1: let Needle = 3; // needle', 'src/deep/c.ts:1: function needle() {}']);
      const long = lines.find((l) => l.startsWith('long.txt:1: '))!;
      assert.ok(long.endsWith('… [line shortened]'));
      assert.ok(long.length < 400);
    });

    it('is literal by default and a regex on request; a bad regex is a clear error', async () => {
      assert.match((await runTool(searchFilesTool, { query: 'needle()' }, ctx(), 'tu')).content, /^src\/deep\/c\.ts:1: function needle\(\) \{\}$/);
      const re = await runTool(searchFilesTool, { query: '^(let|const) [A-Z]', is_regex: true }, ctx(), 'tu');
      assert.equal(re.content, 'src/b.js:1: let Needle = 3; // needle');
      const bad = await runTool(searchFilesTool, { query: '(unclosed', is_regex: true }, ctx(), 'tu');
      assert.equal(bad.status, 'failed');
      assert.match(bad.content, /not a valid regular expression/);
    });

    it('include narrows the files; max_results truncates with a note', async () => {
      assert.equal((await runTool(searchFilesTool, { query: 'needle', include: '**/*.js' }, ctx(), 'tu')).content, 'src/b.js:1: let Needle = 3; // needle');
      assert.equal((await runTool(searchFilesTool, { query: 'needle', include: 'src/deep/**' }, ctx(), 'tu')).content, 'src/deep/c.ts:1: function needle() {}');
      const capped = await runTool(searchFilesTool, { query: 'needle', max_results: 2 }, ctx(), 'tu');
      const lines = capped.content.split('\n');
      assert.equal(lines.length, 3);
      assert.match(lines[2]!, /results truncated at 2; narrow with include .* raise max_results/);
      const none = await runTool(searchFilesTool, { query: 'zzz-not-there' }, ctx(), 'tu');
      assert.deepEqual([none.isError, none.content], [false, 'No matches for `zzz-not-there`.']);
    });
  });
}

describeSearch('pure fallback', () => createFallbackSearch(createNodeFileSystem()));
describeSearch('ripgrep', () => {
  const rg = realRipgrep();
  return rg ? createRipgrepSearch(rg) : undefined;
});

describe('tools: fallback search port', () => {
  after(removeTempDirs);

  it('walks every root, skips huge files and symlinks, honours a custom ignore predicate and the limit', async () => {
    const a = tempDir('cc-fb-');
    const b = tempDir('cc-fb-');
    writeTree(a, { 'x.txt': 'hit\nhit\n', 'skip/y.txt': 'hit\n', 'huge.txt': 'hit\n' + 'z'.repeat(1024 * 1024 + 1) });
    writeTree(b, { 'z.txt': 'hit\n' });
    fs.symlinkSync(path.join(b, 'z.txt'), path.join(a, 'link.txt'));
    const seen: string[] = [];
    const port = createFallbackSearch(createNodeFileSystem(), (_root, rel) => {
      seen.push(rel);
      return rel === 'skip';
    });
    const all = await port.search({ pattern: 'hit', isRegex: false, maxResults: 10 }, [a, b], new AbortController().signal);
    assert.deepEqual(all.matches.map((m) => `${path.basename(m.absPath)}:${m.line}`), ['x.txt:1', 'x.txt:2', 'z.txt:1']);
    assert.equal(all.truncated, false);
    assert.ok(seen.includes('skip'));
    const two = await port.search({ pattern: 'hit', isRegex: false, maxResults: 2 }, [a, b], new AbortController().signal);
    assert.deepEqual([two.matches.length, two.truncated], [2, true]);
  });

  it('stops when the signal aborts', async () => {
    const a = tempDir('cc-fb-');
    writeTree(a, { 'x.txt': 'hit\n' });
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(createFallbackSearch(createNodeFileSystem()).search({ pattern: 'hit', isRegex: false, maxResults: 5 }, [a], ac.signal), { name: 'AbortError' });
  });

  it('search_files in a multi-root workspace: an include starting with a folder name searches only that folder', async () => {
    const a = tempDir('cc-front-');
    const b = tempDir('cc-back-');
    writeTree(a, { 'src/x.ts': 'hit\n' });
    writeTree(b, { 'src/x.ts': 'hit\n' });
    const ctx = makeContext([folder('front', a), folder('back', b)]);
    assert.equal((await runTool(searchFilesTool, { query: 'hit' }, ctx, 'tu')).content, 'front/src/x.ts:1: hit\nback/src/x.ts:1: hit');
    assert.equal((await runTool(searchFilesTool, { query: 'hit', include: 'back/**' }, ctx, 'tu')).content, 'back/src/x.ts:1: hit');
    assert.equal((await runTool(searchFilesTool, { query: 'hit', include: 'front/src/*.ts' }, ctx, 'tu')).content, 'front/src/x.ts:1: hit');
  });
});

describe('tools: ripgrep port (with a fake rg)', function () {
  let bin: string;
  let log: string;
  let root: string;
  before(function () {
    if (process.platform === 'win32') skipBecause(this, 'the fake rg is a #! script, which Windows cannot run');
    const dir = tempDir('cc-fakerg-');
    bin = path.join(dir, 'rg');
    log = path.join(dir, 'log.json');
    root = tempDir('cc-rgroot-');
    // Records its argv, cwd and pid; the pattern picks a behaviour.
    fs.writeFileSync(
      bin,
      `#!${process.execPath}
const fs = require('fs');
const args = process.argv.slice(2);
const pattern = args[args.indexOf('-e') + 1];
fs.writeFileSync(${JSON.stringify(log)}, JSON.stringify({ args, cwd: process.cwd(), pid: process.pid }));
const match = (file, line, text) => JSON.stringify({ type: 'match', data: { path: { text: file }, lines: { text: text + '\\n' }, line_number: line, absolute_offset: 0, submatches: [] } });
if (pattern === 'HANG') { setInterval(() => {}, 1000); return; }
if (pattern === 'FAIL') { process.stderr.write('rg: regex parse error\\n'); process.exit(2); }
if (pattern === 'FLOOD') { let out = ''; for (let i = 1; i <= 100000; i++) out += match('./big.txt', i, 'flood') + '\\n'; process.stdout.write(out); return; }
process.stdout.write(JSON.stringify({ type: 'begin', data: { path: { text: './src/a.ts' } } }) + '\\n');
process.stdout.write(match('./src/a.ts', 3, 'const x = 1;') + '\\n' + match('./src/b.ts', 7, 'y\\r'));
process.stdout.write('\\n' + JSON.stringify({ type: 'summary', data: {} }) + '\\n');
process.exit(0);
`,
      { mode: 0o755 },
    );
  });
  after(removeTempDirs);
  /** The fake rg's log line, or undefined while it is missing or half written. */
  const readLog = (): { args: string[]; pid: number } | undefined => {
    try {
      return JSON.parse(fs.readFileSync(log, 'utf8')) as { args: string[]; pid: number };
    } catch {
      return undefined;
    }
  };

  it('passes literal/include/max-count flags, runs in each root and parses the JSON matches', async () => {
    const port = createRipgrepSearch(bin);
    const res = await port.search({ pattern: '-literal', isRegex: false, include: '**/*.ts', maxResults: 10 }, [root], new AbortController().signal);
    assert.deepEqual(res.matches, [
      { absPath: path.join(root, 'src', 'a.ts'), line: 3, text: 'const x = 1;' },
      { absPath: path.join(root, 'src', 'b.ts'), line: 7, text: 'y' },
    ]);
    assert.equal(res.truncated, false);
    const { args, cwd } = JSON.parse(fs.readFileSync(log, 'utf8')) as { args: string[]; cwd: string };
    assert.equal(fs.realpathSync(cwd), root);
    assert.ok(args.includes('--json') && args.includes('--fixed-strings'));
    assert.equal(args[args.indexOf('--max-count') + 1], '11');
    assert.deepEqual(args.slice(-4), ['-e', '-literal', '--', '.']);
    assert.ok(args.join(' ').includes('--glob **/*.ts'));
    await port.search({ pattern: 'a+', isRegex: true, maxResults: 1 }, [root], new AbortController().signal);
    assert.ok(!(JSON.parse(fs.readFileSync(log, 'utf8')) as { args: string[] }).args.includes('--fixed-strings'));
  });

  it('stops reading and kills rg once it has enough matches', async () => {
    const res = await createRipgrepSearch(bin).search({ pattern: 'FLOOD', isRegex: false, maxResults: 5 }, [root], new AbortController().signal);
    assert.deepEqual([res.matches.length, res.truncated], [5, true]);
  });

  it('kills rg when the signal aborts, and reports rg errors', async () => {
    const ac = new AbortController();
    fs.rmSync(log, { force: true });
    const pending = createRipgrepSearch(bin).search({ pattern: 'HANG', isRegex: false, maxResults: 5 }, [root], ac.signal);
    // Aborts once rg is running: it has written its log line.
    const { pid } = await until(() => {
      const started = readLog();
      return started?.args.includes('HANG') ? started : undefined;
    });
    ac.abort();
    await assert.rejects(pending, { name: 'AbortError' });
    await until(() => !alive(pid) || undefined);
    await assert.rejects(createRipgrepSearch(bin).search({ pattern: 'FAIL', isRegex: true, maxResults: 5 }, [root], new AbortController().signal), /ripgrep failed: rg: regex parse error/);
  });
});

/** Resolves with `probe()`'s first defined value, polling until there is one. */
async function until<T>(probe: () => T | undefined): Promise<T> {
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 5));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

describe('tools: findRipgrep', () => {
  it('probes the known places under appRoot, in order, for the platform', () => {
    const probed: string[] = [];
    const exists = (p: string) => {
      probed.push(p);
      return p.endsWith('node_modules.asar.unpacked/@vscode/ripgrep/bin/rg');
    };
    assert.equal(findRipgrep('/app', exists, 'linux', 'x64'), '/app/node_modules.asar.unpacked/@vscode/ripgrep/bin/rg');
    assert.deepEqual(probed, [
      '/app/node_modules/@vscode/ripgrep-universal/bin/linux-x64/rg',
      '/app/node_modules/@vscode/ripgrep/bin/rg',
      '/app/node_modules.asar.unpacked/@vscode/ripgrep-universal/bin/linux-x64/rg',
      '/app/node_modules.asar.unpacked/@vscode/ripgrep/bin/rg',
    ]);
    assert.equal(findRipgrep('C:\\VS Code\\resources\\app', (p) => p === 'C:\\VS Code\\resources\\app\\node_modules\\@vscode\\ripgrep-universal\\bin\\win32-arm64\\rg.exe', 'win32', 'arm64'), 'C:\\VS Code\\resources\\app\\node_modules\\@vscode\\ripgrep-universal\\bin\\win32-arm64\\rg.exe');
    assert.equal(findRipgrep('/app', () => false), undefined);
    assert.equal(findRipgrep('/app', () => { throw new Error('EACCES'); }), undefined);
  });
});
