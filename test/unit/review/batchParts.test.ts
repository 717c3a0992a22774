// The pieces of the workspace review: custom_ids, backoff, the cost estimate, the persisted record, the
// review codec (the single-file review's prompt and validation) and the file selection (ignore rules, caps).
import assert from 'node:assert/strict';
import { LazyTurnStreamer } from '../../../src/core/claude/turnStreamer';
import { backoffDelay } from '../../../src/core/review/batchBackoff';
import { estimateBatchCost, OUTPUT_ALLOWANCE_TOKENS } from '../../../src/core/review/batchCost';
import { createReviewBatchCodec, linesOf } from '../../../src/core/review/reviewBatchCodec';
import { validateFindings } from '../../../src/core/review/findingValidation';
import { readReviewFile, selectReviewFiles } from '../../../src/core/review/batchFiles';
import { customIdFor, customIdsFor } from '../../../src/core/review/batchIds';
import { prepareBatch } from '../../../src/core/review/batchLifecycle';
import { DEFAULT_REVIEW_GLOB } from '../../../src/core/review/batchLimits';
import { parseBatchRecord } from '../../../src/core/review/batchRecord';
import type { BatchMessage } from '../../../src/core/review/batchTypes';
import { createNodeFileSystem } from '../../../src/core/tools';
import { costOf } from '../../../src/core/usage/pricing';
import { removeTempDirs, tempDir, writeTree } from '../tools/helpers';

const codec = createReviewBatchCodec({ model: 'claude-sonnet-5-5' });
const answer = (input: unknown, stop_reason = 'tool_use'): BatchMessage => ({
  model: 'claude-sonnet-5-5',
  stop_reason,
  usage: { input_tokens: 1, output_tokens: 1 },
  content: input === undefined ? [{ type: 'text', text: 'hi' }] : [{ type: 'tool_use', name: 'report_findings', input }],
});

describe('workspace review parts', () => {
  after(removeTempDirs);

  it('custom_ids are API-safe, unique by index and keep the end of long paths', () => {
    const ids = customIdsFor(['src/a b.ts', 'src/a_b.ts', 'ünïcode/ファイル.ts', `${'deep/'.repeat(30)}name.ts`]);
    for (const id of Object.keys(ids)) assert.match(id, /^[a-zA-Z0-9_-]{1,64}$/);
    assert.equal(Object.keys(ids).length, 4);
    assert.equal(customIdFor('src/a b.ts', 0), 'f0_src_a_b_ts');
    assert.ok(customIdFor(`${'deep/'.repeat(30)}name.ts`, 3).endsWith('_name_ts'));
    assert.equal(customIdFor('///', 7), 'f7_file');
  });

  it('backoff grows by the factor, is capped, and jitter only shortens it', () => {
    const policy = { initialMs: 1000, factor: 2, maxMs: 10_000, jitter: 0.2 };
    assert.deepEqual([0, 1, 2, 3, 4, 10].map((a) => backoffDelay(policy, a, () => 0)), [1000, 2000, 4000, 8000, 10_000, 10_000]);
    assert.equal(backoffDelay(policy, 10, () => 0.999999), 8000);
    assert.equal(backoffDelay(policy, 1, () => 0.5), 1800);
  });

  it('the cost estimate is chars/4 plus an output allowance per file, at half the standard price', () => {
    const prepared = prepareBatch([{ path: 'a.ts', text: 'x'.repeat(4000) }, { path: 'b.ts', text: 'y'.repeat(400) }], codec, 'claude-sonnet-5-5');
    const estimate = estimateBatchCost(prepared.requests, 'claude-sonnet-5-5');
    assert.equal(estimate.requests, 2);
    assert.equal(estimate.outputTokens, 2 * OUTPUT_ALLOWANCE_TOKENS);
    // The files' 4,400 characters plus each request's review prompt, at about 4 characters a token.
    const promptChars = prepared.requests.reduce((n, r) => n + JSON.stringify(r.params.system).length + JSON.stringify(r.params.tools).length, 0);
    assert.ok(estimate.inputTokens > 1100 && estimate.inputTokens < 1100 + promptChars / 4 + 200, String(estimate.inputTokens));
    const standard = costOf('claude-sonnet-5-5', { inputTokens: estimate.inputTokens, outputTokens: estimate.outputTokens, cacheReadTokens: 0, cacheWriteTokens: 0 })!.total;
    assert.ok(Math.abs(estimate.standardUsd! - standard) < 1e-12);
    assert.ok(Math.abs(estimate.batchUsd! - standard / 2) < 1e-12);
    assert.equal(estimateBatchCost(prepared.requests, 'claude-unknown').batchUsd, undefined);
  });

  it('parses a persisted record and rejects damaged ones', () => {
    const good = { batchId: 'msgbatch_1', files: { f0_a_ts: 'a.ts' }, submittedAt: '2026-11-01T00:00:00.000Z', model: 'claude-sonnet-5-5' };
    assert.deepEqual(parseBatchRecord(good), good);
    for (const bad of [undefined, 'x', { ...good, batchId: '' }, { ...good, files: {} }, { ...good, files: { 'bad id': 'a.ts' } }, { ...good, submittedAt: 'yesterday' }, { ...good, files: [] }]) {
      assert.equal(parseBatchRecord(bad), undefined, JSON.stringify(bad));
    }
  });

  describe('review codec', () => {
    const file = { path: 'src/a.ts', text: 'one\ntwo\nthree\n' };

    it('sends the file with line numbers and forces report_findings', () => {
      const params = codec.request(file);
      assert.equal(params.model, 'claude-sonnet-5-5');
      assert.deepEqual(params.tool_choice, { type: 'tool', name: 'report_findings' });
      assert.match(JSON.stringify(params.messages), /1\| one\\n2\| two\\n3\| three/);
      assert.equal((params.tools as { name: string }[])[0]!.name, 'report_findings');
      assert.ok(!('temperature' in params));
    });

    it('reads findings through the review\'s validation: malformed ones dropped, lines clamped, moved suggestions dropped', () => {
      const input = {
        summary: 'ok',
        findings: [
          { severity: 'info', line: 1, endLine: 2, title: 'Fine', detail: 'd', suggestion: 'x' },
          { severity: 'warning', line: 3, endLine: 9, title: 'Long', detail: 'd', suggestion: 'y' },
          { severity: 'bogus', line: 1, title: 'Bad severity', detail: 'd' },
          'junk',
        ],
      };
      const read = codec.findings(answer(input), file);
      assert.ok(read.ok);
      const same = validateFindings(input, 3);
      assert.ok(same.ok);
      assert.deepEqual(read.report, same.report);
      assert.equal(read.dropped, same.issues.filter((i) => i.action === 'dropped').length);
      assert.equal(read.dropped, 2);
      assert.deepEqual(read.report.findings.map((f) => [f.line, f.endLine ?? f.line, f.suggestion]), [
        [1, 2, 'x'],
        [3, 3, undefined],
      ]);
    });

    it('explains answers without a usable report', () => {
      const reason = (m: BatchMessage) => {
        const r = codec.findings(m, file);
        return r.ok ? 'ok' : r.reason;
      };
      assert.match(reason(answer(undefined, 'end_turn')), /without calling report_findings/);
      assert.match(reason(answer(undefined, 'max_tokens')), /max_tokens/);
      assert.match(reason(answer(undefined, 'refusal')), /declined/);
      assert.match(reason(answer({ summary: 'no list' })), /"findings" must be an array/);
      assert.deepEqual(linesOf(''), ['']);
      assert.deepEqual(linesOf('a\r\nb\r\n'), ['a', 'b']);
    });
  });

  describe('file selection', () => {
    function workspace(exclude: string[] = []) {
      const root = tempDir('cc-review-');
      writeTree(root, {
        '.gitignore': 'build/\n',
        '.claudeignore': 'secret/\n',
        'src/a.ts': 'export const a = 1;\n',
        'src/b.py': 'print(1)\n',
        'src/empty.js': '\n',
        'src/blob.js': new Uint8Array([1, 0, 2]),
        'src/big.ts': 'x'.repeat(2048),
        'src/notes.md': '# not code\n',
        'build/out.js': 'built',
        'secret/key.ts': 'hidden',
        'vendor/lib.go': 'package lib\n',
        '.env.ts': 'export const token = 1;\n',
      });
      return { folders: [{ name: 'ws', root }], fs: createNodeFileSystem(), exclude, allowSecrets: false };
    }

    it('matches the glob among files the tools may read, and reports what it skipped and why', async () => {
      const selection = await selectReviewFiles(workspace(['vendor']), { glob: DEFAULT_REVIEW_GLOB, maxFileBytes: 1024 });
      assert.deepEqual(selection.files.map((f) => f.path), ['src/a.ts', 'src/b.py']);
      assert.equal(selection.files[0]!.text, 'export const a = 1;\n');
      assert.deepEqual(
        selection.skipped.map((s) => [s.path, s.reason]),
        [
          ['src/big.ts', 'too_large'],
          ['src/blob.js', 'binary'],
          ['src/empty.js', 'empty'],
        ].sort(),
      );
      assert.match(selection.skipped.find((s) => s.reason === 'too_large')!.detail, /2 KB, over the 1 KB limit/);
      assert.equal(selection.matched, 5);
    });

    it('caps the count and names the files left out; a narrower glob selects less', async () => {
      const ctx = workspace();
      const capped = await selectReviewFiles(ctx, { glob: '**/*.{ts,py}', maxFiles: 1 });
      assert.deepEqual(capped.files.map((f) => f.path), ['src/a.ts']);
      assert.deepEqual(capped.skipped.map((s) => [s.path, s.reason]), [
        ['src/b.py', 'over_limit'],
        ['src/big.ts', 'over_limit'],
      ]);
      assert.deepEqual((await selectReviewFiles(ctx, { glob: 'src/*.py' })).files.map((f) => f.path), ['src/b.py']);
      assert.equal(await readReviewFile(ctx, 'src/b.py'), 'print(1)\n');
      assert.equal(await readReviewFile(ctx, 'src/gone.py'), undefined);
      assert.equal(await readReviewFile(ctx, 'secret/key.ts'), undefined, 'ignored files stay unread');
    });
  });

  it('LazyTurnStreamer.batches() reaches the loaded client, and a failed load can be retried', async () => {
    let loads = 0;
    const port = {} as never;
    const lazy = new LazyTurnStreamer(async () => {
      if (loads++ === 0) throw new Error('engine missing');
      return { streamTurn: async () => assert.fail(), listModels: async () => assert.fail(), countTokens: async () => assert.fail(), summarize: async () => assert.fail(), batches: async () => port };
    });
    await assert.rejects(lazy.batches(), /engine missing/);
    assert.equal(await lazy.batches(), port);
  });
});
