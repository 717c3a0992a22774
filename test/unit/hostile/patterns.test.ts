// Hostile patterns: globs and regexes from the model or the repository cannot freeze the extension host.
// Timing checks measure one bounded piece of work after a warm-up, with wide margins; the glob engine
// also counts its steps, which bounds the work without a clock.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compileGlob, GitignoreRules, PatternError } from '../../../src/core/patterns';
import { createFallbackSearch, createNodeFileSystem, editFileTool, IgnoreRules, listFilesTool, runTool, searchFilesTool } from '../../../src/core/tools';
import { findNearMatch, findOccurrences } from '../../../src/core/tools/editFile';
import { folder, makeContext, removeTempDirs, tempDir, writeTree } from '../tools/helpers';

const EVIL_GLOB = '*a*a*a*a*a*a*a*a*a*a*a*a*b';
const NAME_60 = 'a'.repeat(60);

/** Linear in both: a few transitions per (character, pattern position) pair. */
const workBound = (path: string, pattern: string) => (path.length + 1) * (pattern.length + 2) * 4;

/** Milliseconds one call takes after a warm-up call (so JIT and module loading are not counted). */
function timed(fn: () => unknown): number {
  fn();
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

describe('hostile workspace: patterns', () => {
  after(removeTempDirs);

  describe('glob engine (linear time)', () => {
    it(`${EVIL_GLOB} against a 60-character name answers in well under 50 ms`, () => {
      const glob = compileGlob(EVIL_GLOB);
      assert.equal(glob.matches(NAME_60), false);
      assert.equal(glob.matches(`${NAME_60}b`), true);
      assert.ok(timed(() => glob.matches(NAME_60)) < 50);
    });

    it('its work is bounded by path length × pattern size (step counter, no clock)', () => {
      const glob = compileGlob(EVIL_GLOB);
      const before = glob.steps;
      glob.matches(NAME_60);
      assert.ok(glob.steps - before <= workBound(NAME_60, EVIL_GLOB), `${glob.steps - before} steps`);
    });

    it('nested stars and globstars on a long path stay bounded', () => {
      const glob = compileGlob('**/*a*/**/*a*/**/*a*/**/*b');
      const long = Array.from({ length: 40 }, () => 'aaaaaaaaaa').join('/');
      const before = glob.steps;
      assert.equal(glob.matches(long), false);
      assert.ok(glob.steps - before <= workBound(long, glob.source), `${glob.steps - before} steps`);
    });

    it('a pattern over the length cap is refused with a PatternError that says what to do', () => {
      assert.throws(() => compileGlob('a'.repeat(1001)), (e: unknown) => e instanceof PatternError && /longer than 1000/.test(e.message) && /shorten/i.test(e.message));
    });

    it('a pattern with too many wildcards is refused', () => {
      assert.throws(() => compileGlob('*a'.repeat(65)), (e: unknown) => e instanceof PatternError && /wildcards/.test(e.message));
    });

    it('a brace bomb is refused before it expands', () => {
      assert.throws(() => compileGlob('{a,b}'.repeat(12)), (e: unknown) => e instanceof PatternError && /alternatives/.test(e.message));
    });

    it('keeps glob semantics: *, ?, **, classes, braces, dotfiles', () => {
      const cases: [string, string, boolean][] = [
        ['**/*.ts', 'src/a.ts', true],
        ['**/*.ts', 'a.ts', true],
        ['**/*.ts', 'src/a.tsx', false],
        ['src/*.ts', 'src/deep/a.ts', false],
        ['src/**', 'src/deep/a.ts', true],
        ['src/**', 'src', true],
        ['a/**/b', 'a/b', true],
        ['a/**/b', 'a/x/y/b', true],
        ['a/**/b', 'a/xb', false],
        ['?.md', 'x.md', true],
        ['?.md', '/.md', false],
        ['[a-c]x', 'bx', true],
        ['[!a-c]x', 'bx', false],
        ['*.{js,map}', 'a.map', true],
        ['*.{js,map}', 'a.css', false],
        ['**/*', '.hidden/x', true],
        ['\\*.md', '*.md', true],
        ['\\*.md', 'a.md', false],
        ['**/**', 'a/b', true],
        ['a/**/**/b', 'a/x/b', true],
      ];
      for (const [glob, p, expected] of cases) assert.equal(compileGlob(glob).matches(p), expected, `${glob} vs ${p}`);
      assert.equal(compileGlob('**/*.ts', { dot: false }).matches('.hidden/a.ts'), false);
    });
  });

  describe('gitignore semantics on the same engine', () => {
    const rules = GitignoreRules.parse(['# comment', '', 'dist/', '*.log', '!keep.log', '/gen', 'a/**/z', 'docs/*.md', '\\#hash', '\\!bang', 'trail   ', 'build/', '!build/keep.js', 'ABC'].join('\n'), '.gitignore');
    const cases: [string, boolean, string | undefined][] = [
      ['dist', true, 'dist/'],
      ['dist', false, undefined],
      ['dist/x.js', false, 'dist/'],
      ['x/debug.log', false, '*.log'],
      ['keep.log', false, undefined],
      ['gen/a', false, '/gen'],
      ['src/gen/a', false, undefined],
      ['a/z', false, 'a/**/z'],
      ['a/b/c/z', false, 'a/**/z'],
      ['docs/x.md', false, 'docs/*.md'],
      ['docs/sub/x.md', false, undefined],
      ['#hash', false, '\\#hash'],
      ['!bang', false, '\\!bang'],
      ['trail', false, 'trail'],
      ['build/keep.js', false, 'build/'],
      ['abc', false, 'ABC'],
    ];
    for (const [rel, isDir, expected] of cases) {
      it(`${rel}${isDir ? '/' : ''} → ${expected ?? 'allowed'}`, () => assert.equal(rules.test(rel, isDir), expected));
    }

    it(`a .gitignore line ${EVIL_GLOB} answers at once`, async () => {
      const root = tempDir('cc-hostile-pat-');
      writeTree(root, { '.gitignore': `${EVIL_GLOB}\n`, [NAME_60]: '', [`${NAME_60}b`]: '' });
      const ignore = await IgnoreRules.load(createNodeFileSystem(), root, { exclude: [], allowSecrets: false });
      assert.equal(await ignore.reason(NAME_60, false), undefined);
      assert.match((await ignore.reason(`${NAME_60}b`, false)) ?? '(allowed)', /in \.gitignore/);
    });

    it(`tools.exclude ${EVIL_GLOB} answers at once`, async () => {
      const root = tempDir('cc-hostile-pat-');
      const ignore = await IgnoreRules.load(createNodeFileSystem(), root, { exclude: [EVIL_GLOB], allowSecrets: false });
      assert.equal(await ignore.reason(`dir/${NAME_60}`, false), undefined);
      assert.match((await ignore.reason(`dir/${NAME_60}b`, false)) ?? '(allowed)', /claudeCompanion\.tools\.exclude/);
    });
  });

  describe('list_files', () => {
    it(`pattern ${EVIL_GLOB} against a 60-character name answers`, async () => {
      const root = tempDir('cc-hostile-pat-');
      writeTree(root, { [`d/${NAME_60}`]: '', [`d/${NAME_60}b`]: '' });
      const out = await runTool(listFilesTool, { pattern: `**/${EVIL_GLOB}` }, makeContext([folder('ws', root)]), 'tu');
      assert.equal(out.content, `d/${NAME_60}b`);
    });

    it('a pattern over the caps is a clear tool error', async () => {
      const root = tempDir('cc-hostile-pat-');
      const out = await runTool(listFilesTool, { pattern: '*x'.repeat(200) }, makeContext([folder('ws', root)]), 'tu');
      assert.equal(out.status, 'failed');
      assert.match(out.content, /`pattern` .*wildcards.*simplify/i);
    });
  });

  describe('search_files (pure fallback)', () => {
    it('include glob over the caps is a clear tool error', async () => {
      const root = tempDir('cc-hostile-pat-');
      writeTree(root, { 'a.ts': 'x' });
      const out = await runTool(searchFilesTool, { query: 'x', include: '{a,b}'.repeat(12) }, makeContext([folder('ws', root)]), 'tu');
      assert.equal(out.isError, true);
      assert.match(out.content, /alternatives/);
    });

    it('a query over the length cap is refused before it is compiled', async () => {
      const root = tempDir('cc-hostile-pat-');
      const out = await runTool(searchFilesTool, { query: 'a'.repeat(5000), is_regex: true }, makeContext([folder('ws', root)]), 'tu');
      assert.equal(out.status, 'failed');
      assert.match(out.content, /`query` is longer than/);
    });

    // Worker start-up is not counted in the budget; the timeout only covers a slow, loaded machine.
    it('a catastrophic regex returns a clear error within its budget, and the host stays responsive', async function () {
      this.timeout(30_000);
      const root = tempDir('cc-hostile-pat-');
      writeTree(root, { 'evil.txt': `${'a'.repeat(40)}b\n` });
      const search = createFallbackSearch(createNodeFileSystem(), undefined, { regexBudgetMs: 300 });
      let ticks = 0;
      const timer = setInterval(() => ticks++, 10);
      const start = Date.now();
      try {
        const out = await runTool(searchFilesTool, { query: '(a+)+$', is_regex: true }, makeContext([folder('ws', root)], { search }), 'tu');
        assert.equal(out.status, 'failed');
        assert.match(out.content, /took too long.*simplify/);
      } finally {
        clearInterval(timer);
      }
      assert.ok(Date.now() - start < 15_000, `${Date.now() - start} ms`);
      assert.ok(ticks >= 5, `the host ran only ${ticks} timer ticks while the regex ran`);
    });

    it('ordinary regexes still work in the worker (same JS syntax as before)', async function () {
      this.timeout(30_000);
      const root = tempDir('cc-hostile-pat-');
      writeTree(root, { 'src/a.ts': 'const x = 1;\nlet Y = 2;\n' });
      const out = await runTool(searchFilesTool, { query: '^(let|const) [A-Z]\\b', is_regex: true }, makeContext([folder('ws', root)]), 'tu');
      assert.equal(out.content, 'src/a.ts:2: let Y = 2;');
    });
  });

  describe('edit_file on a 20 MB adversarial file', () => {
    const big = 'a '.repeat(10 * 1024 * 1024);

    // Linear work here is ~10^8 character steps; the old regex / indexOf did ~10^11 (hours). The bound
    // is far above the linear time even on a loaded machine and far below the quadratic one.
    it('the whitespace-tolerant near match stays linear (20 MB, 5,000-token old_text)', function () {
      this.timeout(120_000);
      const needle = `${'a '.repeat(5000)}b`;
      const ms = timed(() => assert.equal(findNearMatch(big, needle), undefined));
      assert.ok(ms < 20_000, `${ms} ms`);
    });

    it('the exact search stays linear when the needle defeats indexOf (b in the middle)', function () {
      this.timeout(120_000);
      const text = 'a'.repeat(20 * 1024 * 1024);
      const needle = `${'a'.repeat(5000)}b${'a'.repeat(5000)}`;
      const ms = timed(() => assert.deepEqual(findOccurrences(text, needle, 11), []));
      assert.ok(ms < 20_000, `${ms} ms`);
    });

    it('stops counting occurrences after what the message needs and says "at least"', async function () {
      this.timeout(60_000);
      const root = tempDir('cc-hostile-pat-');
      writeTree(root, { 'big.txt': big });
      const out = await runTool(editFileTool, { path: 'big.txt', old_text: 'a a', new_text: 'b' }, makeContext([folder('ws', root)]), 'tu');
      assert.equal(out.status, 'failed');
      assert.match(out.content, /occurs at least 11 times/);
    });

    it('a near match is still found and reported by line', () => {
      assert.equal(findNearMatch('x\n  foo   bar\n', 'foo bar'), 2);
      assert.equal(findNearMatch('x\nfoo\n\tbar\n', 'foo bar'), 2);
      assert.equal(findNearMatch('foobar', 'foo bar'), undefined);
    });
  });

  it('the worker bundle is declared in esbuild.js and shipped by .vscodeignore', () => {
    const root = path.resolve(__dirname, '../../../..');
    assert.match(fs.readFileSync(path.join(root, 'esbuild.js'), 'utf8'), /regexWorker/);
    assert.match(fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8'), /^!dist\/regexWorker\.js$/m);
  });
});
