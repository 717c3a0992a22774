// The workspace review on the Message Batches API in the real editor, against the fake API: the command
// ends with diagnostics on the reviewed files, failed requests are counted (not hidden), cancel goes to
// the API, and a batch persisted before a "reload" is picked up by the resume entry point.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CompanionApi } from '../../src/vscode/testApi';
import type { WorkspaceReviewSummary } from '../../src/vscode/review/workspaceReviewReport';
import { rawRequest } from '../fake-anthropic/http-client';
import { batchErrored, batchExpired, batchSucceeded, toolUse, type BatchOutcome, type FakeAnthropic, type FakeBatchRequest } from '../fake-anthropic';
import { useExtensionWithFake, waitFor } from './support';

const SOURCE = 'Claude Review';
const report = (findings: unknown[]) => batchSucceeded(toolUse({ name: 'report_findings', input: { summary: 'Reviewed.', findings } }));
const pathOf = (r: FakeBatchRequest) => /<file path=\\"([^"\\]+)\\"/.exec(JSON.stringify(r.params.messages))?.[1];

describe('Workspace review (batch) in the real editor', () => {
  let fake: FakeAnthropic;
  let api: CompanionApi;
  const uri = (rel: string) => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, ...rel.split('/'));
  const reviewDiagnostics = (rel: string) => vscode.languages.getDiagnostics(uri(rel)).filter((d) => d.source === SOURCE);
  const review = (args: object) => vscode.commands.executeCommand<WorkspaceReviewSummary | undefined>('claudeCompanion.reviewWorkspace', { confirm: false, pollMs: 20, ...args });

  const outcomes = (byPath: Record<string, BatchOutcome>) => fake.batches.respond((r) => byPath[pathOf(r) ?? ''] ?? report([]));

  useExtensionWithFake((f, a) => ([fake, api] = [f, a]));
  beforeEach(() => fake.reset());

  it('batch: reviewWorkspace on the fixture workspace ends with diagnostics on the expected files', async () => {
    fake.batches.configure({ endAfterPolls: 2 });
    outcomes({
      'src/greet.ts': report([
        { severity: 'critical', line: 2, title: 'Unescaped name', detail: 'The name goes into output unchecked.' },
        { severity: 'info', line: 99, title: 'Past the end', detail: 'Clamped into the file.' },
      ]),
      'src/math.js': report([{ severity: 'warning', line: 9, endLine: 10, title: 'Division by zero', detail: 'An empty list divides by zero.' }]),
    });
    const summary = await review({});
    assert.ok(summary);
    assert.deepEqual({ files: summary.files, reviewed: summary.reviewed, findings: summary.findings }, { files: 2, reviewed: 2, findings: 3 });

    const [batchId] = fake.batches.ids();
    assert.deepEqual(fake.batches.requests(batchId!).map(pathOf).sort(), ['src/greet.ts', 'src/math.js'], 'the default glob picks the code files only');
    assert.ok(fake.requests.some((r) => r.path === `/v1/messages/batches/${batchId}/results` && r.headers.accept === 'application/binary'));

    const greet = reviewDiagnostics('src/greet.ts');
    assert.deepEqual(greet.map((d) => [d.severity, d.range.start.line, d.message.split('\n')[0]]), [
      [vscode.DiagnosticSeverity.Error, 1, 'Unescaped name'],
      [vscode.DiagnosticSeverity.Information, 2, 'Past the end'],
    ]);
    const math = reviewDiagnostics('src/math.js');
    assert.equal(math.length, 1);
    assert.equal(math[0]!.severity, vscode.DiagnosticSeverity.Warning);
    assert.deepEqual([math[0]!.range.start.line, math[0]!.range.end.line], [8, 9]);
    assert.deepEqual(reviewDiagnostics('README.md'), []);

    // They are the single-file review's findings: quick fixes offered, and Clear Review Findings clears them.
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri('src/greet.ts'), greet[0]!.range);
    assert.ok(actions.some((a) => a.title.startsWith('Dismiss')), `code actions: ${actions.map((a) => a.title).join(', ')}`);
    await vscode.commands.executeCommand('claudeCompanion.clearReviewFindings');
    await waitFor('the findings cleared', () => reviewDiagnostics('src/greet.ts').length === 0 && reviewDiagnostics('src/math.js').length === 0);
  });

  it('batch: errored and expired files are counted, and a new review replaces the previous findings', async () => {
    fake.batches.configure({ endAfterPolls: 1 });
    outcomes({
      'src/greet.ts': report([{ severity: 'warning', line: 1, title: 'Fresh finding', detail: 'd' }]),
      'src/math.js': batchErrored('overloaded_error', 'Overloaded'),
      'README.md': batchExpired(),
    });
    const summary = await review({ glob: '**/*.{ts,js,md}' });
    assert.ok(summary);
    assert.equal(summary.files, 3);
    assert.equal(summary.reviewed, 1);
    assert.deepEqual(summary.failed, { errored: 1, expired: 1, canceled: 0, unusable: 0, missing: 0 });
    assert.deepEqual(reviewDiagnostics('src/greet.ts').map((d) => d.message.split('\n')[0]), ['Fresh finding']);
    assert.deepEqual(reviewDiagnostics('src/math.js'), [], 'the earlier review of math.js is gone');
  });

  it('batch: the cancel command cancels the batch through the API; reviewed files still arrive', async () => {
    fake.batches.configure({ endAfterPolls: null, processedBeforeCancel: 1 });
    outcomes({});
    const done = review({ glob: 'src/*.{ts,js}' });
    const id = await waitFor('a batch being polled', () => {
      const [first] = fake.batches.ids();
      return first !== undefined && fake.batches.polls(first) >= 1 && first;
    });
    await vscode.commands.executeCommand('claudeCompanion.cancelWorkspaceReview', { confirm: false });
    const summary = await done;
    assert.ok(summary);
    assert.ok(fake.requests.some((r) => r.method === 'POST' && r.path === `/v1/messages/batches/${id}/cancel`));
    assert.equal(summary.reviewed, 1);
    assert.equal(summary.failed.canceled, 1);
  });

  it('batch: a reload during a batch resumes it from the stored record and completes into diagnostics', async () => {
    fake.batches.configure({ endAfterPolls: 3 });
    outcomes({ 'src/math.js': report([{ severity: 'critical', line: 8, title: 'Resumed finding', detail: 'From a batch submitted before the reload.' }]) });
    // A batch submitted by the previous window: created on the fake, its record left in workspaceState.
    const params = { model: 'claude-sonnet-5-5', max_tokens: 1000, messages: [{ role: 'user', content: 'Review this file.\n\n<file path="src/math.js">\n…\n</file>' }] };
    const created = await rawRequest(fake.url, '/v1/messages/batches', { body: { requests: [{ custom_id: 'f0_src_math_js', params }] } });
    assert.equal(created.status, 200);
    const batchId = (JSON.parse(created.body.toString()) as { id: string }).id;
    await api.workspaceReview.persist({ batchId, files: { f0_src_math_js: 'src/math.js' }, submittedAt: new Date().toISOString(), model: 'claude-sonnet-5-5' });

    const summary = await api.workspaceReview.resume({ pollMs: 20 });
    assert.ok(summary);
    assert.equal(summary.batchId, batchId);
    assert.equal(fake.batches.polls(batchId), 4, 'polled until it ended (3), then the SDK retrieves it once more for results_url');
    assert.deepEqual(reviewDiagnostics('src/math.js').map((d) => [d.severity, d.range.start.line, d.message.split('\n')[0]]), [[vscode.DiagnosticSeverity.Error, 7, 'Resumed finding']]);
    assert.equal(await api.workspaceReview.resume({ pollMs: 20 }), undefined, 'the record is cleared once the results are in');
  });
});
