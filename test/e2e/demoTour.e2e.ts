// End to end: the demo tour `npm start -- --fake` gives a newcomer without a key (test/fake-anthropic/
// tour.ts), walked through as they would: a first message streams thinking and Markdown with a code
// block, a second one lists the folder, reads README.md and proposes an edit that lands on disk only once
// approved, and Review Current File puts findings on real lines in the Problems panel.
// With CLAUDE_COMPANION_SCREENSHOT=docs/images/chat-panel.png it also takes the README's screenshot while
// the edit waits for approval.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator } from 'playwright-core';
import { TOUR_NOTE, tourScenario } from '../fake-anthropic';
import { useChatFixture } from './fixtures';
import { REPO_ROOT } from './scriptsLib';
import { ProblemsPanel, openFile, runCommand } from './workbench';

/** Waits for `target`; on timeout the error shows what `shownIn` shows instead. */
async function waitShown(target: Locator, expected: string, shownIn: Locator, timeoutMs = 30_000): Promise<void> {
  try {
    await target.waitFor({ state: 'visible', timeout: timeoutMs });
  } catch (err) {
    const shown = await shownIn.innerText({ timeout: 1000 }).catch(() => '(not found)');
    throw new Error(`${expected} within ${timeoutMs} ms; it shows:\n${shown || '(empty)'}`, { cause: err });
  }
}

describe('Demo tour (npm start -- --fake)', function () {
  const f = useChatFixture();

  before(() => {
    f.fake.setDefault(tourScenario());
  });

  it('streams thinking and a code block, proposes an edit that lands on approval, and reviews into Problems', async () => {
    const { page } = f.wb;
    const readme = path.join(f.wb.workspace, 'README.md');
    const before = fs.readFileSync(readme, 'utf8');
    await f.chat.open();

    // Step 1: thinking, then Markdown with a heading, a list and a highlighted TypeScript block.
    await f.chat.send('Hello');
    const intro = f.chat.assistantTurns.first();
    await waitShown(intro.getByRole('heading', { name: 'Welcome to Claude Companion' }), 'the intro never showed its heading', f.chat.transcript);
    await waitShown(f.chat.thinkingSummaries(intro).filter({ hasText: /^Thought/ }), 'the intro showed no finished thinking block', intro);
    await waitShown(f.chat.codeAction('Apply to File', intro), 'the code block has no toolbar', intro);
    assert.match(await intro.locator('pre code').first().innerText(), /export function greet\(name: string\): string/);
    assert.ok((await intro.locator('li').count()) >= 3, 'the intro has a list');
    await f.chat.waitForTranscriptText('Next: send another message');

    // Step 2: list, read, then an edit of README.md waiting in its card and in the diff editor.
    await f.chat.send('show me the tools');
    await waitShown(f.chat.withStatus(f.chat.toolCard('list_files').last(), 'done'), 'list_files never finished', f.chat.transcript);
    await waitShown(f.chat.withStatus(f.chat.toolCard('read_file').last(), 'done'), 'read_file never finished', f.chat.transcript);
    const card = f.chat.toolCard('edit_file').last();
    const approve = card.getByRole('button', { name: 'Approve', exact: true });
    await waitShown(approve, 'the edit_file card never offered Approve', f.chat.transcript);
    assert.match(await card.innerText(), /README\.md/);
    const diffTab = page.locator('.part.editor .tabs-container').getByRole('tab', { name: 'Proposed change: README.md (Claude)' });
    await waitShown(diffTab, 'no diff editor for README.md', page.locator('.part.editor .tabs-container'), 15_000);
    assert.equal(fs.readFileSync(readme, 'utf8'), before, 'README.md changed before Approve');
    // The diff shows the proposed line (Monaco renders spaces as no-break spaces, which \s matches).
    const proposed = page.locator('.part.editor .monaco-diff-editor .modified .view-lines').filter({ hasText: /Added\sby\sthe\sClaude\sCompanion\stour/ });
    await waitShown(proposed, 'the diff editor never showed the proposed line', page.locator('.part.editor'), 15_000);

    const shot = process.env.CLAUDE_COMPANION_SCREENSHOT;
    if (shot) {
      const file = path.resolve(REPO_ROOT, shot);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      await page.screenshot({ path: file });
    }

    await approve.click();
    await waitShown(f.chat.withStatus(card, 'done'), 'the edit never finished after Approve', card);
    await f.chat.waitForTranscriptText('You approved the change');
    const after = fs.readFileSync(readme, 'utf8');
    assert.ok(after.includes(`> ${TOUR_NOTE}`), `README.md on disk lacks the note:\n${after}`);
    assert.equal(after.replace(`\n\n> ${TOUR_NOTE}`, ''), before, 'the edit added the note and nothing else');

    // Step 3: Review Current File on a real file; its findings land on its real lines in Problems.
    await openFile(page, 'math.js');
    await runCommand(page, 'Claude: Review Current File');
    await f.chat.waitForTranscriptText('Scripted demo review of src/math.js');
    const problems = new ProblemsPanel(page);
    await problems.open();
    const fix = problems.problem('Demo finding with a quick fix');
    try {
      await fix.waitFor({ state: 'visible', timeout: 30_000 });
    } catch (err) {
      throw new Error(`the Problems panel never listed the tour's findings; it shows:\n${(await problems.rowTexts()).join('\n') || '(nothing)'}`, { cause: err });
    }
    const rows = await problems.rowTexts();
    const row = (title: string) => rows.find((r) => r.includes(title)) ?? '';
    assert.match(row('Demo finding with a quick fix'), /Claude Review.*Ln 1, Col 1/);
    // The last non-empty line of math.js: `module.exports = { add, average };`.
    assert.match(row('Demo information finding'), /Ln 11, Col 1/);
    assert.equal(await fix.locator('.codicon-warning').count(), 1);
  });
});
