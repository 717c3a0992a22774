// End to end: a user opens a file, runs "Claude: Review Current File" from the command palette, watches
// the review stream into the chat, and finds each finding in the Problems panel with its severity,
// source and line.
import * as assert from 'node:assert/strict';
import { reportFindings, stall } from '../fake-anthropic';
import { contentText, useChatFixture } from './fixtures';
import { ProblemsPanel, openFile, runCommand } from './workbench';

describe('review', function () {
  const f = useChatFixture();

  it('Review Current File from the command palette puts the findings in the Problems panel', async () => {
    const { page } = f.wb;
    f.fake.enqueue(
      reportFindings({
        findings: [
          { severity: 'critical', line: 8, title: 'Division by zero on an empty list', detail: 'values.length can be 0.', suggestion: '  return values.length ? values.reduce(add, 0) / values.length : 0;' },
          { severity: 'info', line: 2, title: 'Prefer an arrow function', detail: 'It is shorter.' },
        ],
        summary: 'Guard the empty list before dividing.',
      }),
    );
    await openFile(page, 'math.js');
    await runCommand(page, 'Claude: Review Current File');

    // The review is a chat turn: "Review src/math.js", then the report as prose.
    await f.chat.open();
    await f.chat.waitForTranscriptText('Review src/math.js');
    await f.chat.waitForTranscriptText('Guard the empty list before dividing.');

    const problems = new ProblemsPanel(page);
    await problems.open();
    const critical = problems.problem('Division by zero on an empty list');
    try {
      await critical.waitFor({ state: 'visible', timeout: 30_000 });
    } catch (err) {
      throw new Error(`the Problems panel never listed the finding; it shows:\n${(await problems.rowTexts()).join('\n') || '(nothing)'}`, { cause: err });
    }
    const rows = await problems.rowTexts();
    const row = (title: string) => rows.find((r) => r.includes(title)) ?? '';
    assert.match(row('Division by zero on an empty list'), /Claude Review/);
    assert.match(row('Division by zero on an empty list'), /Ln 8, Col 3/);
    assert.match(row('Prefer an arrow function'), /Ln 2, Col 1/);
    // Severity shows as the row's icon: critical is an error, info is information.
    assert.equal(await critical.locator('.codicon-error').count(), 1);
    assert.equal(await problems.problem('Prefer an arrow function').locator('.codicon-info').count(), 1);

    const sent = f.fake.requests.filter((r) => r.path === '/v1/messages').at(-1)!.body as { messages: Array<{ content: unknown }>; tool_choice: unknown };
    assert.deepEqual(sent.tool_choice, { type: 'tool', name: 'report_findings' });
    assert.match(contentText(sent.messages[0]!.content), /<file path="src\/math.js" language="javascript">/);
  });

  it('Cancel on the progress notification stops the review, and nothing reaches the Problems panel', async () => {
    const { page } = f.wb;
    await runCommand(page, 'Claude: Clear Review Findings');
    f.fake.enqueue(stall(4, reportFindings({ findings: [{ severity: 'critical', line: 3, title: 'Must never appear', detail: 'd' }], summary: 's' })));
    await openFile(page, 'greet.ts');
    await runCommand(page, 'Claude: Review Current File');
    const toast = page.locator('.notifications-toasts .notification-toast').filter({ hasText: 'Claude: reviewing src/greet.ts' });
    await toast.getByRole('button', { name: 'Cancel' }).click({ timeout: 30_000 });
    await f.chat.waitForTranscriptText('Review src/greet.ts');
    await f.chat.withStatus(f.chat.assistantTurns.last(), 'stopped').waitFor({ state: 'visible', timeout: 30_000 });
    await toast.waitFor({ state: 'hidden', timeout: 30_000 });
    const problems = new ProblemsPanel(page);
    await problems.open();
    assert.equal(await problems.problem('Must never appear').count(), 0);
    assert.equal(await f.chat.stopButton.count(), 0, 'the chat is no longer streaming');
  });
});
