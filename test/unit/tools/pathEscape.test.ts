// The path-escape corpus: every attempt goes through every tool that takes a path (with writes
// auto-approved, so only confinement stands in the way) and must be refused or stay inside, without
// reading, listing or writing anything outside the workspace.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WORKSPACE_TOOLS, runTool, type ToolOutcome, type ToolSpec } from '../../../src/core/tools';
import { MULTI_ROOT, SECRET, SINGLE_ROOT, type Expect } from '../../fixtures/pathEscapeCorpus';
import { folder, makeContext, recordingFs, removeTempDirs, snapshotTree, tempDir, writeTree, type TestContext } from './helpers';

const PATH_TOOLS = ['read_file', 'list_files', 'write_file', 'edit_file', 'get_diagnostics'];

function inputFor(tool: string, p: string): Record<string, unknown> {
  switch (tool) {
    case 'write_file':
      return { path: p, content: 'pwned' };
    case 'edit_file':
      return { path: p, old_text: 'TOP SECRET', new_text: 'pwned' };
    default:
      return { path: p };
  }
}

function spec(name: string): ToolSpec {
  const s = WORKSPACE_TOOLS.find((t) => t.name === name);
  assert.ok(s, name);
  return s;
}

interface World {
  readonly base: string;
  readonly outside: string;
  readonly sentinel: string;
  readonly sentinelMtime: number;
  readonly outsideTree: string[];
}

function buildWorld(): World & { ws: string; front: string; back: string } {
  const base = tempDir('cc-escape-');
  const outside = path.join(base, 'outside');
  writeTree(outside, { 'secret.txt': SECRET, 'dir/inner.txt': SECRET });
  const ws = path.join(base, 'ws');
  writeTree(ws, {
    'src/a.ts': 'export const a = 1;\n',
    'README.md': '# hi\n',
    '.env': SECRET,
    '.env.local': SECRET,
    'src/.env': SECRET,
    'src/.env.production': SECRET,
    id_rsa: SECRET,
    'id_rsa.pub': SECRET,
    'keys/id_ed25519': SECRET,
    'server.pem': SECRET,
    'x.key': SECRET,
    '.git/config': SECRET,
    'public/.keep': '',
  });
  writeTree(path.join(base, 'other'), { 'file.txt': SECRET });
  fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(ws, 'link-file'));
  fs.symlinkSync(outside, path.join(ws, 'link-dir'));
  fs.symlinkSync(path.join(ws, 'chain2'), path.join(ws, 'chain1'));
  fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(ws, 'chain2'));
  fs.symlinkSync(base, path.join(ws, 'up'));
  fs.symlinkSync(path.join(outside, 'created-by-dangling.txt'), path.join(ws, 'dangling'));
  fs.symlinkSync(path.join(outside, 'no-such-dir'), path.join(ws, 'dangling-dir'));
  fs.symlinkSync(path.join(ws, '.env'), path.join(ws, 'public', 'env-link'));

  const front = path.join(base, 'front');
  const back = path.join(base, 'back');
  writeTree(front, { 'a.txt': 'front file\n', 'src/a.txt': 'x\n', '.env': SECRET });
  writeTree(back, { 'file.txt': SECRET });
  fs.symlinkSync(back, path.join(front, 'link-to-back'));
  fs.symlinkSync(base, path.join(front, 'up'));

  const sentinel = path.join(outside, 'secret.txt');
  return { base, outside, sentinel, sentinelMtime: fs.statSync(sentinel).mtimeMs, outsideTree: snapshotTree(outside), ws, front, back };
}

function assertNothingOutsideTouched(world: World, ctx: TestContext, roots: readonly string[], reads: readonly string[]): void {
  assert.equal(fs.readFileSync(world.sentinel, 'utf8'), SECRET);
  assert.equal(fs.statSync(world.sentinel).mtimeMs, world.sentinelMtime);
  assert.deepEqual(snapshotTree(world.outside), world.outsideTree);
  for (const w of ctx.writer.calls) assert.ok(roots.some((r) => w.absPath.startsWith(r + path.sep)), `write outside: ${w.absPath}`);
  for (const r of reads) assert.ok(roots.some((root) => r === root || r.startsWith(root + path.sep)), `read outside: ${r}`);
}

function checkOutcome(outcome: ToolOutcome, expect: Expect, label: string): void {
  assert.ok(!outcome.content.includes(SECRET), `${label}: leaked the sentinel: ${outcome.content}`);
  if (expect === 'refused') {
    assert.equal(outcome.status, 'refused', `${label}: expected a refusal, got ${outcome.status}: ${outcome.content}`);
    assert.equal(outcome.isError, true);
    assert.ok(outcome.content.length > 20, `${label}: the refusal should say why`);
  } else if (expect === 'error') {
    assert.equal(outcome.isError, true, `${label}: expected an error, got ${outcome.content}`);
  }
}

describe('tools: path-escape corpus', () => {
  let world: ReturnType<typeof buildWorld>;
  before(() => {
    world = buildWorld();
  });
  after(removeTempDirs);

  it('has a corpus of at least 60 attempts', () => {
    assert.ok(SINGLE_ROOT.length + MULTI_ROOT.length >= 60, String(SINGLE_ROOT.length + MULTI_ROOT.length));
    assert.ok(SINGLE_ROOT.filter(([, e]) => e === 'refused').length >= 60);
  });

  for (const tool of PATH_TOOLS) {
    it(`${tool}: refuses every single-root escape and touches nothing outside`, async () => {
      const fsPort = recordingFs();
      const ctx = makeContext([folder('ws', world.ws)], { fs: fsPort, autoApproveWrites: true });
      for (const [p, expect] of SINGLE_ROOT) {
        const outcome = await runTool(spec(tool), inputFor(tool, p), ctx, 'tu1');
        checkOutcome(outcome, expect, `${tool}(${JSON.stringify(p).slice(0, 60)})`);
      }
      assertNothingOutsideTouched(world, ctx, [world.ws], fsPort.contentReads);
      // No refused attempt reached the writer; only "inside" literal names may have been created.
      const refusedPaths = new Set(SINGLE_ROOT.filter(([, e]) => e !== 'inside').map(([p]) => p));
      for (const w of ctx.writer.calls) assert.ok(!refusedPaths.has(w.displayPath), w.displayPath);
    });

    it(`${tool}: refuses every multi-root escape and touches nothing outside`, async () => {
      const fsPort = recordingFs();
      const ctx = makeContext([folder('front', world.front), folder('back', world.back)], { fs: fsPort, autoApproveWrites: true });
      for (const [p, expect] of MULTI_ROOT) {
        const outcome = await runTool(spec(tool), inputFor(tool, p), ctx, 'tu1');
        checkOutcome(outcome, expect, `${tool}(${p})`);
      }
      assert.equal(ctx.writer.calls.length, 0);
      assert.equal(fs.readFileSync(path.join(world.back, 'file.txt'), 'utf8'), SECRET);
      assertNothingOutsideTouched(world, ctx, [world.front, world.back], fsPort.contentReads);
    });
  }

  it('search_files: `include` cannot widen the search, and hits outside or in ignored files never show', async () => {
    const fsPort = recordingFs();
    const ctx = makeContext([folder('ws', world.ws)], { fs: fsPort });
    const search = spec('search_files');
    for (const include of ['../**', '../outside/**', '/etc/**', '/**', 'C:\\**', '\\\\server\\share\\**', '~/**', '**/../../**', '{..,src}/**', 'src/../../**', 'file:///etc/**', '..\\**']) {
      const outcome = await runTool(search, { query: 'TOP SECRET', include }, ctx, 'tu1');
      assert.equal(outcome.status, 'refused', `${include}: ${outcome.content}`);
    }
    for (const include of [undefined, '**', '**/*', '*.txt', 'link-dir/**', 'up/**', '.env', '%2e%2e/**']) {
      const outcome = await runTool(search, { query: 'TOP SECRET', ...(include ? { include } : {}) }, ctx, 'tu1');
      assert.equal(outcome.isError, false, outcome.content);
      assert.match(outcome.content, /^No matches/);
    }
    assertNothingOutsideTouched(world, ctx, [world.ws], fsPort.contentReads);
  });

  it('search_files: drops hits a SearchPort reports outside the folders or in ignored files', async () => {
    const ctx = makeContext([folder('ws', world.ws)], {
      search: {
        async search() {
          return {
            truncated: false,
            matches: [
              { absPath: world.sentinel, line: 1, text: SECRET },
              { absPath: path.join(world.ws, 'link-file'), line: 1, text: SECRET },
              { absPath: path.join(world.ws, '.env'), line: 1, text: SECRET },
              { absPath: path.join(world.ws, 'src', 'a.ts'), line: 1, text: 'export const a = 1;' },
            ],
          };
        },
      },
    });
    const outcome = await runTool(spec('search_files'), { query: 'a' }, ctx, 'tu1');
    assert.equal(outcome.content, 'src/a.ts:1: export const a = 1;');
  });
});
