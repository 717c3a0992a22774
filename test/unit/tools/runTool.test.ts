import assert from 'node:assert/strict';
import Ajv from 'ajv';
import { ToolFailure, ToolRefusal, WORKSPACE_TOOLS, readFileTool, runTool, searchFilesTool, type ToolSpec } from '../../../src/core/tools';
import { apiToolParams } from '../../../src/core/tools/apiToolParams';
import { folder, makeContext, removeTempDirs, tempDir, writeTree } from './helpers';

function fakeSpec(run: ToolSpec['run'], kind: ToolSpec['kind'] = 'read'): ToolSpec {
  return { name: 'fake', description: 'd', kind, inputSchema: { type: 'object', properties: {}, additionalProperties: false }, run };
}

describe('tools: definitions and runTool', () => {
  let root: string;
  before(() => {
    root = tempDir('cc-run-');
    writeTree(root, { 'a.txt': 'a\n' });
  });
  after(removeTempDirs);

  it('exposes the six tools with strict schemas that ajv compiles in strict mode', () => {
    assert.deepEqual(
      WORKSPACE_TOOLS.map((t) => t.name),
      ['list_files', 'read_file', 'search_files', 'write_file', 'edit_file', 'get_diagnostics'],
    );
    const ajv = new Ajv({ strict: true });
    for (const t of WORKSPACE_TOOLS) {
      assert.equal(t.inputSchema['additionalProperties'], false, t.name);
      ajv.compile(t.inputSchema);
      assert.ok(t.description.length < 1200, `${t.name} description is ${t.description.length} chars`);
    }
    assert.deepEqual(
      WORKSPACE_TOOLS.filter((t) => t.kind === 'write').map((t) => t.name),
      ['write_file', 'edit_file'],
    );
  });

  it('apiToolParams gives the API shape; descriptions state path format and approval', () => {
    const defs = apiToolParams(WORKSPACE_TOOLS);
    assert.deepEqual(Object.keys(defs[1]!), ['name', 'description', 'input_schema']);
    assert.equal(defs[1]!.input_schema, readFileTool.inputSchema);
    for (const d of defs.filter((x) => x.name !== 'search_files')) assert.match(d.description, /first segment is the (workspace )?folder name/, d.name);
    for (const d of defs.filter((x) => x.name.endsWith('_file') && !x.name.startsWith('read'))) assert.match(d.description, /must approve/, d.name);
  });

  it('turns schema violations into words the model can act on', async () => {
    const ctx = makeContext([folder('ws', root)]);
    const cases: [ToolSpec, unknown, RegExp][] = [
      [readFileTool, {}, /`path` is required/],
      [readFileTool, { path: 'a.txt', start_line: 0 }, /`start_line` must be an integer ≥ 1 \(got 0\)/],
      [readFileTool, { path: 'a.txt', start_line: 1.5 }, /`start_line` must be an integer ≥ 1 \(got 1\.5\)/],
      [readFileTool, { path: 'a.txt', end_line: '3' }, /`end_line` must be an integer ≥ 1 \(got "3"\)/],
      [readFileTool, { path: 'a.txt', foo: 1 }, /unknown field `foo` \(allowed fields: path, start_line, end_line\)/],
      [readFileTool, { path: 42 }, /`path` must be a non-empty string \(got 42\)/],
      [readFileTool, null, /the input must be a JSON object/],
      [readFileTool, 'a.txt', /the input must be a JSON object/],
      [searchFilesTool, { query: 'x', max_results: 501 }, /`max_results` must be an integer between 1 and 500 \(got 501\)/],
      [searchFilesTool, { query: 'x', is_regex: 'yes' }, /`is_regex` must be true or false/],
      [searchFilesTool, { query: '' }, /`query` must be a non-empty string/],
    ];
    for (const [spec, input, expected] of cases) {
      const out = await runTool(spec, input, ctx, 'tu');
      assert.equal(out.status, 'failed', JSON.stringify(input));
      assert.equal(out.isError, true);
      assert.match(out.content, expected);
      assert.match(out.content, /^Invalid input for \w+: .*Fix the input and call the tool again\.$/);
    }
    const several = await runTool(readFileTool, { start_line: -1, bogus: true }, ctx, 'tu');
    assert.match(several.content, /`path` is required; .*unknown field `bogus`.*; `start_line` must be/);
  });

  it('validates even when spec.run is called directly', async () => {
    const out = await readFileTool.run({ path: 'a.txt', start_line: 'x' }, makeContext([folder('ws', root)]), 'tu');
    assert.equal(out.status, 'failed');
    assert.match(out.content, /`start_line` must be an integer/);
  });

  it('never throws: exceptions, refusals and failures become is_error outcomes', async () => {
    const ctx = makeContext([folder('ws', root)]);
    const boom = await runTool(fakeSpec(async () => { throw new Error('kaboom'); }), {}, ctx, 'tu');
    assert.deepEqual([boom.status, boom.isError], ['failed', true]);
    assert.match(boom.content, /`fake` failed: kaboom/);
    const notError = await runTool(fakeSpec(async () => { throw 'a string'; }), {}, ctx, 'tu');
    assert.match(notError.content, /a string/);
    const refusal = await runTool(fakeSpec(async () => { throw new ToolRefusal('not allowed here.'); }), {}, ctx, 'tu');
    assert.deepEqual([refusal.status, refusal.content], ['refused', 'not allowed here.']);
    const failure = await runTool(fakeSpec(async () => { throw new ToolFailure('try again.'); }), {}, ctx, 'tu');
    assert.deepEqual([failure.status, failure.content], ['failed', 'try again.']);
    const badSchema: ToolSpec = { ...fakeSpec(async () => assert.fail('must not run')), inputSchema: { type: 'object', properties: { a: { type: 'nonsense' } } } };
    const bad = await runTool(badSchema, {}, ctx, 'tu');
    assert.equal(bad.status, 'failed');
    assert.match(bad.content, /invalid input schema/);
  });

  it('honours the abort signal: before the call, and while a read hangs', async () => {
    const stopped = new AbortController();
    stopped.abort();
    let ran = false;
    const before = await runTool(fakeSpec(async () => { ran = true; return { content: '', isError: false, status: 'done', summary: '' }; }), {}, makeContext([folder('ws', root)], { signal: stopped.signal }), 'tu');
    assert.equal(ran, false);
    assert.deepEqual([before.status, before.isError], ['failed', true]);
    assert.match(before.content, /cancelled/);

    const during = new AbortController();
    let running!: () => void;
    const started = new Promise<void>((resolve) => (running = resolve));
    const hanging = fakeSpec(() => {
      running();
      return new Promise(() => undefined);
    });
    const pending = runTool(hanging, {}, makeContext([folder('ws', root)], { signal: during.signal }), 'tu');
    await started;
    during.abort();
    const out = await pending;
    assert.equal(out.status, 'failed');
    assert.match(out.content, /cancelled/);
  });
});
