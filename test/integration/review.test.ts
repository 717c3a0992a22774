// Code review in the real editor: a review's findings become diagnostics (source "Claude Review") with
// exact ranges, "Apply suggestion" replaces exactly the flagged lines, findings follow edits above them
// and disappear when their lines are edited, and uncommitted changes are reviewed through Git.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CompanionApi } from '../../src/vscode/testApi';
import { reportFindings, stall, text, type FakeAnthropic } from '../fake-anthropic';
import { lastAssistant, useExtensionWithFake, waitFor, workspaceRoot } from './support';

const SOURCE = 'Claude Review';
const MATH = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'workspace', 'src', 'math.js'), 'utf8');
// math.js, 1-based: 6 `function average(values) {`, 7 the comment, 8 `  return values.reduce(add, 0) / values.length;`, 9 `}`.

interface SentRequest {
  system: Array<{ text: string }>;
  messages: Array<{ role: string; content: string | Array<{ type: string; text?: string }> }>;
  tools: Array<{ name: string }>;
  tool_choice?: unknown;
  thinking?: unknown;
}

const reviewDiagnostics = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
const rangeOf = (d: vscode.Diagnostic) => [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character];
const userText = (r: SentRequest) => {
  const c = r.messages[0]!.content;
  return typeof c === 'string' ? c : c.map((b) => b.text ?? '').join('');
};

describe('Code review in the real editor', () => {
  let fake: FakeAnthropic;
  let api: CompanionApi;
  let root: string;
  let count = 0;
  const config = () => vscode.workspace.getConfiguration('claudeCompanion');
  const sent = () => fake.requests.filter((r) => r.path === '/v1/messages').map((r) => r.body as SentRequest);

  /** A fresh copy of math.js, open in an editor. */
  async function openMath(): Promise<vscode.TextEditor> {
    const file = path.join(root, 'review', `math${++count}.js`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, MATH);
    return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.file(file)));
  }

  useExtensionWithFake((f, a) => ([fake, api] = [f, a]), { settings: ['review.systemPrompt'], freshChat: true });
  before(() => (root = workspaceRoot()));

  beforeEach(async () => {
    await vscode.commands.executeCommand('claudeCompanion.clearReviewFindings');
  });

  after(async () => {
    await vscode.commands.executeCommand('claudeCompanion.clearReviewFindings');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(path.join(root, 'review'), { recursive: true, force: true });
  });

  it('reviewing the current file puts the findings in the Problems panel: severity, exact range, source', async () => {
    const editor = await openMath();
    fake.enqueue(
      reportFindings({
        findings: [
          { severity: 'critical', line: 8, title: 'Division by zero', detail: 'An empty list returns NaN.' },
          { severity: 'warning', line: 6, endLine: 9, title: 'No input check', detail: 'values may be undefined.' },
          { severity: 'info', line: 2, title: 'Use an arrow function', detail: 'Shorter.' },
        ],
        summary: 'Guard the empty list.',
      }),
    );
    await vscode.commands.executeCommand('claudeCompanion.reviewCurrentFile');

    const diags = reviewDiagnostics(editor.document.uri);
    assert.deepEqual(
      diags.map((d) => [d.severity, rangeOf(d), d.message.split('\n')[0]]),
      [
        [vscode.DiagnosticSeverity.Error, [7, 2, 7, 47], 'Division by zero'],
        [vscode.DiagnosticSeverity.Warning, [5, 0, 8, 1], 'No input check'],
        [vscode.DiagnosticSeverity.Information, [1, 0, 1, 20], 'Use an arrow function'],
      ],
    );

    const [request] = sent();
    assert.match(request!.system[0]!.text, /# Identity[\s\S]*# Rules[\s\S]*# Format[\s\S]*# Reporting/);
    assert.deepEqual(request!.tool_choice, { type: 'tool', name: 'report_findings' });
    assert.deepEqual(request!.thinking, { type: 'disabled' }, 'forced tool use needs thinking off');
    assert.deepEqual(request!.tools.map((t) => t.name), ['report_findings']);
    assert.match(userText(request!), / 8\| {3}return values\.reduce\(add, 0\) \/ values\.length;/);

    const chat = await api.session.snapshot();
    const user = chat.turns.filter((t) => t.role === 'user').at(-1)!;
    assert.equal(user.blocks[0]!.text, `Review review/math${count}.js`);
    const answer = lastAssistant(chat);
    assert.equal(answer.status, 'done');
    assert.match(answer.blocks.map((b) => b.text).join(''), /\*\*1\. Critical\*\* · line 8 · Division by zero[\s\S]*\*\*Summary\.\*\* Guard the empty list\./);
  });

  it('.claude/review.md replaces the built-in guidance, then the setting does', async () => {
    await openMath();
    const guidance = path.join(root, '.claude', 'review.md');
    fs.mkdirSync(path.dirname(guidance), { recursive: true });
    fs.writeFileSync(guidance, 'Team rule: flag every console.log.\n');
    try {
      await config().update('review.systemPrompt', 'Setting rule: be brief.', vscode.ConfigurationTarget.Global);
      fake.enqueue(reportFindings({ findings: [], summary: 'Fine.' }), reportFindings({ findings: [], summary: 'Fine.' }));
      await vscode.commands.executeCommand('claudeCompanion.reviewCurrentFile');
      fs.rmSync(path.dirname(guidance), { recursive: true, force: true });
      await vscode.commands.executeCommand('claudeCompanion.reviewCurrentFile');
      const [withFile, withSetting] = sent().map((r) => r.system[0]!.text);
      assert.ok(withFile!.startsWith('Team rule: flag every console.log.'), withFile);
      assert.ok(!withFile!.includes('# Identity'));
      assert.ok(withSetting!.startsWith('Setting rule: be brief.'), withSetting);
      for (const system of [withFile!, withSetting!]) assert.match(system, /# Reporting/);
    } finally {
      fs.rmSync(path.dirname(guidance), { recursive: true, force: true });
      await config().update('review.systemPrompt', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('"Apply suggestion" changes exactly the flagged lines, and the fixed finding goes away', async () => {
    const editor = await openMath();
    const suggestion = '  if (values.length === 0) return 0;\n  return values.reduce(add, 0) / values.length;';
    fake.enqueue(
      reportFindings({
        findings: [
          { severity: 'critical', line: 7, endLine: 8, title: 'Division by zero', detail: 'Guard it.', suggestion },
          { severity: 'info', line: 11, title: 'Export style', detail: 'Fine.' },
        ],
        summary: 's',
      }),
    );
    await vscode.commands.executeCommand('claudeCompanion.reviewCurrentFile');
    const uri = editor.document.uri;
    const target = reviewDiagnostics(uri).find((d) => d.message.startsWith('Division by zero'))!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, target.range);
    // Only our finding is on these lines, so these are its quick fixes (actions come back without their diagnostics).
    const titles = actions.map((a) => a.title).filter((t) => ['Apply suggestion', 'Explain in chat', 'Dismiss'].includes(t));
    assert.deepEqual(titles, ['Apply suggestion', 'Explain in chat', 'Dismiss']);
    const apply = actions.find((a) => a.title === 'Apply suggestion')!;
    assert.ok(await vscode.workspace.applyEdit(apply.edit!));

    const before = MATH.split('\n');
    const expected = [...before.slice(0, 6), ...suggestion.split('\n'), ...before.slice(8)].join('\n');
    assert.equal(editor.document.getText(), expected);
    await waitFor('the fixed finding to clear', () => reviewDiagnostics(uri).length === 1);
    assert.equal(reviewDiagnostics(uri)[0]!.message.split('\n')[0], 'Export style');
    assert.deepEqual(rangeOf(reviewDiagnostics(uri)[0]!), [10, 0, 10, 34], 'the one below stays put (same line count)');
  });

  it('an edit above a finding moves it; an edit on its lines clears it', async () => {
    const editor = await openMath();
    fake.enqueue(reportFindings({ findings: [{ severity: 'warning', line: 8, title: 'Division by zero', detail: 'd' }], summary: 's' }));
    await vscode.commands.executeCommand('claudeCompanion.reviewCurrentFile');
    const uri = editor.document.uri;
    assert.deepEqual(rangeOf(reviewDiagnostics(uri)[0]!), [7, 2, 7, 47]);

    await editor.edit((e) => e.insert(new vscode.Position(0, 0), '// one\n// two\n'));
    await waitFor('the finding to move down two lines', () => reviewDiagnostics(uri)[0]?.range.start.line === 9);
    assert.deepEqual(rangeOf(reviewDiagnostics(uri)[0]!), [9, 2, 9, 47]);

    await editor.edit((e) => e.insert(new vscode.Position(9, 10), ' '));
    await waitFor('the finding to clear', () => reviewDiagnostics(uri).length === 0);
  });

  it('Dismiss removes one finding; Clear Review Findings removes them all', async () => {
    const editor = await openMath();
    fake.enqueue(
      reportFindings({
        findings: [
          { severity: 'warning', line: 8, title: 'A', detail: 'a' },
          { severity: 'info', line: 3, title: 'B', detail: 'b' },
        ],
        summary: 's',
      }),
    );
    await vscode.commands.executeCommand('claudeCompanion.reviewCurrentFile');
    const uri = editor.document.uri;
    const a = reviewDiagnostics(uri).find((d) => d.message.startsWith('A'))!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, a.range);
    const dismiss = actions.find((x) => x.title === 'Dismiss')!;
    await vscode.commands.executeCommand(dismiss.command!.command, ...(dismiss.command!.arguments ?? []));
    assert.deepEqual(reviewDiagnostics(uri).map((d) => d.message[0]), ['B']);

    await vscode.commands.executeCommand('claudeCompanion.clearReviewFindings');
    assert.deepEqual(reviewDiagnostics(uri), []);
  });

  it('"Explain in chat" asks about the finding in the chat, with its code', async () => {
    const editor = await openMath();
    fake.enqueue(reportFindings({ findings: [{ severity: 'critical', line: 8, title: 'Division by zero', detail: 'NaN for [].' }], summary: 's' }));
    await vscode.commands.executeCommand('claudeCompanion.reviewCurrentFile');
    const uri = editor.document.uri;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, reviewDiagnostics(uri)[0]!.range);
    const explain = actions.find((x) => x.title === 'Explain in chat')!;
    await vscode.commands.executeCommand(explain.command!.command, ...(explain.command!.arguments ?? []));
    await api.session.idle();
    const followUp = sent()[1]!;
    const last = followUp.messages.at(-1)!;
    const text = typeof last.content === 'string' ? last.content : last.content.map((b) => b.text ?? '').join('');
    assert.match(text, /Explain the review finding "Division by zero" \(critical\) in review\/math\d+\.js, line 8/);
    assert.match(text, /return values\.reduce\(add, 0\) \/ values\.length;/);
    assert.equal(followUp.tool_choice, undefined, 'a normal chat turn');
    assert.equal(followUp.messages.length, 3, 'after the review in the same conversation');
  });

  it('a model that does not call report_findings fails the review with a clear error and no findings', async () => {
    const editor = await openMath();
    fake.enqueue(text('The code looks fine to me.'));
    await vscode.commands.executeCommand('claudeCompanion.reviewCurrentFile');
    const answer = lastAssistant(await api.session.snapshot());
    assert.equal(answer.status, 'error');
    assert.equal(answer.error?.kind, 'review_not_reported');
    assert.match(answer.error!.title, /without reporting findings/);
    assert.deepEqual(reviewDiagnostics(editor.document.uri), []);
  });

  it('stopping a review mid-stream ends the command and publishes nothing', async () => {
    const editor = await openMath();
    fake.enqueue(stall(4, reportFindings({ findings: [{ severity: 'critical', line: 8, title: 'Never shown', detail: 'd' }], summary: 's' })));
    const running = vscode.commands.executeCommand('claudeCompanion.reviewCurrentFile');
    await waitFor('the review to stream', () => api.session.streaming);
    await vscode.commands.executeCommand('claudeCompanion.stop');
    await running;
    assert.equal(lastAssistant(await api.session.snapshot()).status, 'stopped');
    assert.deepEqual(reviewDiagnostics(editor.document.uri), []);
  });

  it('Review Selection sends only the selected lines and keeps findings inside them', async () => {
    const editor = await openMath();
    editor.selection = new vscode.Selection(5, 0, 9, 0);
    fake.enqueue(reportFindings({ findings: [{ severity: 'warning', line: 2, title: 'Outside', detail: 'd' }], summary: 's' }));
    await vscode.commands.executeCommand('claudeCompanion.reviewSelection');
    const body = userText(sent()[0]!);
    assert.match(body, /lines 6–9/);
    assert.match(body, /6\| function average/);
    assert.ok(!body.includes('function add'), 'lines outside the selection are not sent');
    assert.deepEqual(reviewDiagnostics(editor.document.uri).map((d) => d.range.start.line), [5], 'clamped into the selection');
  });

  it('Review Uncommitted Changes reviews each changed file as a diff and maps findings to the new lines', async () => {
    const repo = path.join(root, 'review', 'repo');
    fs.mkdirSync(repo, { recursive: true });
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], { cwd: repo });
    git('init', '-q');
    fs.writeFileSync(path.join(repo, 'calc.js'), 'const a = 1;\nconst b = 2;\nmodule.exports = { a, b };\n');
    fs.writeFileSync(path.join(repo, 'same.js'), 'unchanged\n');
    git('add', '.');
    git('commit', '-qm', 'init');
    fs.writeFileSync(path.join(repo, 'calc.js'), 'const a = 1;\nconst secret = "hunter2";\nconst b = 2;\nmodule.exports = { a, b };\n');
    fs.writeFileSync(path.join(repo, 'new.js'), 'eval(input);\n');
    const gitApi = vscode.extensions.getExtension<{ getAPI(v: 1): { openRepository(u: vscode.Uri): Promise<unknown> } }>('vscode.git')!;
    await (await gitApi.activate()).getAPI(1).openRepository(vscode.Uri.file(repo));

    fake.enqueue(
      reportFindings({ findings: [{ severity: 'critical', line: 2, title: 'Hard-coded secret', detail: 'Move it to the environment.' }], summary: 's' }),
      reportFindings({ findings: [{ severity: 'critical', line: 1, title: 'eval of input', detail: 'Never eval input.' }], summary: 's' }),
    );
    await vscode.commands.executeCommand('claudeCompanion.reviewChanges');

    const bodies = sent().map(userText);
    assert.equal(bodies.length, 2, 'one review per changed file; unchanged files are skipped');
    assert.match(bodies[0]!, /uncommitted changes to review\/repo\/calc\.js/);
    assert.match(bodies[0]!, / 1\| const a = 1;\n\+2\| const secret = "hunter2";\n 3\| const b = 2;/);
    assert.match(bodies[1]!, /@@ -0,0 \+1,1 @@\n\+1\| eval\(input\);/);
    const calc = reviewDiagnostics(vscode.Uri.file(path.join(repo, 'calc.js')));
    assert.deepEqual(calc.map((d) => [d.severity, rangeOf(d)]), [[vscode.DiagnosticSeverity.Error, [1, 0, 1, 25]]]);
    assert.equal(reviewDiagnostics(vscode.Uri.file(path.join(repo, 'new.js'))).length, 1);
    const users = (await api.session.snapshot()).turns.filter((t) => t.role === 'user').map((t) => t.blocks[0]!.text);
    assert.deepEqual(users, ['Review changes in review/repo/calc.js', 'Review changes in review/repo/new.js']);
  });
});
