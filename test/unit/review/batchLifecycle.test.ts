// The workspace review's batch lifecycle against the fake Message Batches API through the real SDK:
// submit, poll with backoff (fake clock), every result type, cancel, and resume from a persisted record.
import assert from 'node:assert/strict';
import { APIConnectionError } from '@anthropic-ai/sdk';
import { ClaudeClient } from '../../../src/core/claude/claudeClient';
import { MissingApiKeyError } from '../../../src/core/claude/errors';
import { DEFAULT_SETTINGS } from '../../../src/core/claude/settings';
import { createReviewBatchCodec } from '../../../src/core/review/reviewBatchCodec';
import { BatchGoneError, prepareBatch, WorkspaceBatch, type BatchClock } from '../../../src/core/review/batchLifecycle';
import { parseBatchRecord } from '../../../src/core/review/batchRecord';
import { countOutcomes } from '../../../src/core/review/batchResults';
import { sdkBatchesPort } from '../../../src/core/review/batchSdkPort';
import type { BatchesPort, ReviewFile } from '../../../src/core/review/batchTypes';
import { batchCanceled, batchErrored, batchExpired, batchSucceeded, toolUse, type FakeBatchRequest } from '../../fake-anthropic';
import { sdkFor, useFakeAnthropic } from '../../support/useFakeAnthropic';

const MODEL = 'claude-sonnet-5-5';
const FILES: ReviewFile[] = [
  { path: 'src/greet.ts', text: 'export function greet(name: string) {\n  return "Hello " + name;\n}\n' },
  { path: 'src/math.js', text: 'function add(a, b) { return a - b; }\n' },
  { path: 'lib/old.py', text: 'print("x")\n' },
  { path: 'lib/slow.go', text: 'package main\n' },
];
const codec = createReviewBatchCodec({ model: MODEL, maxTokens: 4000 });

/** A clock whose sleeps return at once and are recorded. */
function fakeClock(start = Date.UTC(2026, 10, 1)) {
  const sleeps: number[] = [];
  const clock: BatchClock = { now: () => start, sleep: async (ms) => void sleeps.push(ms) };
  return { clock, sleeps };
}

const report = (findings: unknown[], summary = 'Reviewed.') => batchSucceeded(toolUse({ name: 'report_findings', input: { summary, findings } }));
const pathOf = (r: FakeBatchRequest) => /<file path=\\"([^"\\]+)\\"/.exec(JSON.stringify(r.params.messages))![1];

describe('workspace review batch lifecycle (fake API, real SDK)', () => {
  const f = useFakeAnthropic();
  const port = (): BatchesPort => sdkBatchesPort(f.client.messages.batches);
  const readFile = async (p: string) => FILES.find((x) => x.path === p)?.text;

  it('submits one request per file with safe, unique custom_ids the fake accepts, and records the mapping', async () => {
    const { clock } = fakeClock();
    const prepared = prepareBatch(FILES, codec, MODEL);
    const batch = await WorkspaceBatch.submit(port(), prepared, { clock });
    assert.equal(f.fake.batches.ids().length, 1);
    const sent = f.fake.batches.requests(batch.id);
    assert.equal(sent.length, 4);
    for (const r of sent) assert.match(r.custom_id, /^[a-zA-Z0-9_-]{1,64}$/);
    assert.deepEqual(sent.map(pathOf), FILES.map((x) => x.path));
    assert.deepEqual(batch.record, {
      batchId: batch.id,
      files: Object.fromEntries(sent.map((r, i) => [r.custom_id, FILES[i]!.path])),
      submittedAt: '2026-11-01T00:00:00.000Z',
      model: MODEL,
    });
    const params = sent[0]!.params as { tool_choice?: unknown; max_tokens: number; model: string };
    assert.deepEqual(params.tool_choice, { type: 'tool', name: 'report_findings' });
    assert.equal(params.max_tokens, 4000);
    assert.equal(params.model, MODEL);
    assert.equal(batch.status?.processing_status, 'in_progress');
  });

  it('polls with capped, jittered exponential backoff until the batch ends', async () => {
    f.fake.batches.configure({ endAfterPolls: 5 });
    const { clock, sleeps } = fakeClock();
    const batch = await WorkspaceBatch.submit(port(), prepareBatch(FILES, codec, MODEL), {
      clock,
      backoff: { initialMs: 1000, factor: 2, maxMs: 5000, jitter: 0.5 },
      random: () => 0.5,
    });
    const polls: number[] = [];
    const ended = await batch.waitUntilEnded({ signal: new AbortController().signal, onPoll: (r) => polls.push(r.polls) });
    assert.equal(ended.processing_status, 'ended');
    // No poll right after create (its answer is the state); then 1 s, 2 s, 4 s, capped at 5 s; each × 0.75.
    assert.deepEqual(sleeps, [750, 1500, 3000, 3750, 3750]);
    assert.equal(f.fake.batches.polls(batch.id), 5);
    assert.deepEqual(polls, [0, 1, 2, 3, 4]);
  });

  it('classifies results: succeeded → findings (clamped into the file), errored / expired / canceled → reasons', async () => {
    f.fake.batches.configure({ endAfterPolls: 1 });
    f.fake.batches.respond((r) => {
      switch (pathOf(r)) {
        case 'src/greet.ts':
          return report([
            { severity: 'warning', line: 2, title: 'String concatenation', detail: 'Use a template.', suggestion: '  return `Hello ${name}`;' },
            { severity: 'critical', line: 40, endLine: 50, title: 'Past the end', detail: 'Clamped.', suggestion: 'dropped' },
            { severity: 'nonsense', line: 1, title: 'x', detail: 'y' },
          ]);
        case 'src/math.js':
          return batchErrored('overloaded_error', 'Overloaded');
        case 'lib/old.py':
          return batchExpired();
        default:
          return batchCanceled();
      }
    });
    const { clock } = fakeClock();
    const batch = await WorkspaceBatch.submit(port(), prepareBatch(FILES, codec, MODEL), { clock });
    await batch.waitUntilEnded({ signal: new AbortController().signal });
    const outcome = await batch.results(codec, readFile);
    assert.equal(outcome.batchId, batch.id);
    assert.deepEqual(outcome.files.map((x) => [x.path, x.kind === 'reviewed' ? 'reviewed' : x.status]), [
      ['src/greet.ts', 'reviewed'],
      ['src/math.js', 'errored'],
      ['lib/old.py', 'expired'],
      ['lib/slow.go', 'canceled'],
    ]);
    const greet = outcome.files[0]!;
    assert.ok(greet.kind === 'reviewed');
    assert.equal(greet.report.summary, 'Reviewed.');
    assert.equal(greet.dropped, 1);
    assert.deepEqual(greet.report.findings, [
      { severity: 'warning', line: 2, title: 'String concatenation', detail: 'Use a template.', suggestion: '  return `Hello ${name}`;' },
      { severity: 'critical', line: 3, title: 'Past the end', detail: 'Clamped.' },
    ]);
    const math = outcome.files[1]!;
    assert.ok(math.kind === 'failed' && math.reason === 'overloaded_error: Overloaded');
    assert.deepEqual(countOutcomes(outcome), { reviewed: 1, findings: 2, failed: { errored: 1, expired: 1, canceled: 1, unusable: 0, missing: 0 } });
    assert.ok(outcome.costUsd !== undefined && outcome.costUsd > 0, 'the succeeded request is priced at batch rates');
  });

  it('a succeeded answer without report_findings is listed as unusable, not dropped', async () => {
    f.fake.batches.configure({ endAfterPolls: 1 });
    const batch = await WorkspaceBatch.submit(port(), prepareBatch(FILES.slice(0, 1), codec, MODEL), { clock: fakeClock().clock });
    await batch.waitUntilEnded({ signal: new AbortController().signal });
    const [only] = (await batch.results(codec, readFile)).files;
    assert.ok(only!.kind === 'failed' && only!.status === 'unusable');
    assert.match(only!.reason, /without calling report_findings/);
  });

  it('cancel: the API is asked, polling wakes at once, processed requests keep their results and the rest are canceled', async () => {
    f.fake.batches.configure({ endAfterPolls: null, processedBeforeCancel: 1 });
    f.fake.batches.respond(() => report([]));
    const { clock, sleeps } = fakeClock();
    let sleeping!: () => void;
    const firstSleep = new Promise<void>((resolve) => (sleeping = resolve));
    // Every wait blocks until something wakes it (here: cancel()).
    const blockingClock: BatchClock = {
      now: clock.now,
      sleep: (ms, signal) => {
        sleeps.push(ms);
        sleeping();
        return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      },
    };
    const batch = await WorkspaceBatch.submit(port(), prepareBatch(FILES, codec, MODEL), { clock: blockingClock });
    const ended = batch.waitUntilEnded({ signal: new AbortController().signal });
    await firstSleep;
    await batch.cancel();
    assert.equal(batch.cancelRequested, true);
    assert.equal(f.fake.requests.filter((r) => r.path.endsWith('/cancel')).length, 1);
    const info = await ended;
    assert.equal(info.processing_status, 'ended');
    assert.ok(info.cancel_initiated_at);
    assert.deepEqual(info.request_counts, { processing: 0, succeeded: 1, errored: 0, canceled: 3, expired: 0 });
    assert.equal(sleeps.length, 1, 'woken by cancel, no second wait');
    const counts = countOutcomes(await batch.results(codec, readFile));
    assert.deepEqual(counts.failed.canceled, 3);
    assert.equal(counts.reviewed, 1);
  });

  it('cancel after the batch ended is harmless (the API refuses with 400)', async () => {
    f.fake.batches.configure({ endAfterPolls: 1 });
    const batch = await WorkspaceBatch.submit(port(), prepareBatch(FILES, codec, MODEL), { clock: fakeClock().clock });
    await batch.waitUntilEnded({ signal: new AbortController().signal });
    await batch.cancel();
    assert.equal((await batch.waitUntilEnded({ signal: new AbortController().signal })).processing_status, 'ended');
  });

  it('resumes after a restart from the persisted record with a fresh lifecycle and client', async () => {
    f.fake.batches.configure({ endAfterPolls: 3 });
    f.fake.batches.respond((r) => report([{ severity: 'info', line: 1, title: `About ${pathOf(r)}`, detail: 'd' }]));
    const first = await WorkspaceBatch.submit(port(), prepareBatch(FILES, codec, MODEL), { clock: fakeClock().clock });
    const stored = JSON.parse(JSON.stringify(first.record)) as unknown; // what workspaceState keeps

    const record = parseBatchRecord(stored);
    assert.ok(record);
    const { clock, sleeps } = fakeClock();
    const resumed = WorkspaceBatch.resume(sdkBatchesPort(sdkFor(f.fake).messages.batches), record, { clock, random: () => 0 });
    await resumed.waitUntilEnded({ signal: new AbortController().signal });
    assert.equal(f.fake.batches.polls(first.id), 3);
    assert.equal(sleeps.length, 2, 'a resumed batch is looked at before the first wait');
    const outcome = await resumed.results(createReviewBatchCodec({ model: record.model }), readFile);
    assert.deepEqual(outcome.files.map((x) => (x.kind === 'reviewed' ? x.report.findings[0]!.title : x.status)), FILES.map((x) => `About ${x.path}`));
  });

  it('retries transient poll failures on the same schedule; a deleted batch is BatchGoneError; abort stops polling', async () => {
    f.fake.batches.configure({ endAfterPolls: 1 });
    const real = port();
    let failures = 1;
    const flaky: BatchesPort = {
      ...real,
      retrieve: async (id, signal) => {
        if (failures-- > 0) throw new APIConnectionError({ message: 'socket hang up' });
        return real.retrieve(id, signal);
      },
    };
    const { clock, sleeps } = fakeClock();
    const reports: unknown[] = [];
    const record = (await WorkspaceBatch.submit(real, prepareBatch(FILES, codec, MODEL))).record;
    const resumed = WorkspaceBatch.resume(flaky, record, { clock, random: () => 0 });
    await resumed.waitUntilEnded({ signal: new AbortController().signal, onPoll: (r) => reports.push(r.error) });
    assert.equal(sleeps.length, 1);
    assert.ok(reports[0] instanceof APIConnectionError);

    const gone = WorkspaceBatch.resume(real, { ...record, batchId: 'msgbatch_01gone' }, { clock });
    await assert.rejects(gone.waitUntilEnded({ signal: new AbortController().signal }), BatchGoneError);

    f.fake.batches.configure({ endAfterPolls: null });
    const ac = new AbortController();
    const never = await WorkspaceBatch.submit(real, prepareBatch(FILES, codec, MODEL), { clock });
    await assert.rejects(never.waitUntilEnded({ signal: ac.signal, onPoll: (r) => r.polls >= 2 && ac.abort() }), { name: 'AbortError' });
  });

  it('ClaudeClient.batches() uses the same key and apiBaseUrl as chat, and needs a key', async () => {
    let key: string | undefined = 'sk-batch';
    const client = new ClaudeClient({ getSettings: () => ({ ...DEFAULT_SETTINGS, apiBaseUrl: f.fake.url, maxRetries: 0 }), getApiKey: async () => key });
    const batches = await client.batches();
    await batches.create(prepareBatch(FILES.slice(0, 1), codec, MODEL).requests);
    assert.equal(f.fake.requests.at(-1)!.headers.authorization, 'Bearer sk-batch');
    key = undefined;
    await assert.rejects(client.batches(), MissingApiKeyError);
  });
});
