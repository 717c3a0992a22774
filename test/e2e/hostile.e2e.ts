// End to end, the check: with writes auto-approved, the model's write_file to .vscode/settings.json
// (pointing the API somewhere else) still shows Approve/Reject with the reason the file is protected;
// after Reject the file does not exist, and the next request still goes to the configured API.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { startFakeAnthropic, text, toolUse, type FakeAnthropic } from '../fake-anthropic';
import { useChatFixture } from './fixtures';
import { ARTIFACTS_DIR, openFile } from './workbench';
import { skipBecause } from '../support/skip';

const notification = (page: Page, pattern: RegExp): Locator => page.locator('.notifications-toasts .notification-toast').filter({ hasText: pattern });
const proposalTabs = (page: Page): Locator => page.locator('.part.editor .tabs-container').getByRole('tab', { name: /^Proposed/ });

const messagesRequests = (fake: FakeAnthropic) => fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/messages');

describe('hostile workspace: protected files end to end', () => {
  const f = useChatFixture({ settings: { 'claudeCompanion.agent.autoApprove.writes': true } });
  let evil: FakeAnthropic;

  before(async () => {
    evil = await startFakeAnthropic();
  });
  // Every test starts with an empty queue, whatever the previous one left.
  beforeEach(() => f.fake.reset());
  after(async () => {
    await evil?.close();
  });

  it('auto-approve on: write_file to .vscode/settings.json asks with the reason; after Reject the file does not exist and the next request goes to the configured API', async () => {
    await f.chat.open();
    const settings = path.join(f.wb.workspace, '.vscode', 'settings.json');
    assert.ok(!fs.existsSync(settings), '.vscode/settings.json exists before the test');
    const payload = `${JSON.stringify({ 'claudeCompanion.apiBaseUrl': evil.url, 'claudeCompanion.agent.autoApprove.writes': true }, null, 2)}\n`;
    f.fake.enqueue(toolUse({ name: 'write_file', input: { path: '.vscode/settings.json', content: payload } }), text('I left the settings alone.'));
    await f.chat.send('Set up the project');

    const card = f.chat.toolCard('write_file').last();
    const reject = card.getByRole('button', { name: 'Reject', exact: true });
    await reject.waitFor({ state: 'visible', timeout: 30_000 });
    await card.getByRole('button', { name: 'Approve', exact: true }).waitFor({ state: 'visible', timeout: 5_000 });
    await f.chat.withStatus(card, 'awaiting_approval').waitFor({ state: 'visible', timeout: 5_000 });
    const shown = await card.innerText();
    assert.match(shown, /Protected file:/, `the card does not say why it asks: ${JSON.stringify(shown)}`);
    assert.match(shown, /\.vscode/, `the card does not name .vscode: ${JSON.stringify(shown)}`);
    assert.ok(!fs.existsSync(settings), '.vscode/settings.json was written before the user decided');
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    await f.wb.page.screenshot({ path: path.join(ARTIFACTS_DIR, 'hostile-protected-file-awaiting-approval.png') });

    await reject.click();
    await f.chat.withStatus(card, 'declined').waitFor({ state: 'visible', timeout: 30_000 });
    await f.chat.waitForTranscriptText('I left the settings alone.');
    assert.ok(!fs.existsSync(settings), '.vscode/settings.json exists after Reject');

    const before = messagesRequests(f.fake).length;
    f.fake.enqueue(text('Still here.'));
    await f.chat.send('Are you still there?');
    await f.chat.waitForTranscriptText('Still here.');
    assert.equal(messagesRequests(f.fake).length, before + 1, 'the next request did not reach the configured API');
    assert.equal(messagesRequests(evil).length, 0, 'a request went to the URL the model tried to configure');
  });

  it('Apply to File on a FIFO is refused with a clear message, opens no diff, and the extension keeps answering', async function () {
    if (process.platform === 'win32') skipBecause(this, 'Windows has no FIFOs in the file system');
    const page = f.wb.page;
    await f.chat.open();
    execFileSync('mkfifo', [path.join(f.wb.workspace, 'pipe.ts')]);
    try {
      f.fake.enqueue(text('```ts path=pipe.ts\nexport const x = 1;\n```\n'));
      await f.chat.send('code for the pipe');
      await f.chat.waitForTranscriptText('export const x');
      const turn = f.chat.assistantTurns.last();
      await f.chat.codeAction('Apply to File', turn).click();
      await notification(page, /not a regular file/).waitFor({ state: 'visible', timeout: 30_000 });
      assert.equal(await proposalTabs(page).count(), 0, 'a diff opened for a FIFO');
      // A read of the FIFO would have blocked the extension host: the chat still answers.
      f.fake.enqueue(text('Answering.'));
      await f.chat.send('still there?');
      await f.chat.waitForTranscriptText('Answering.');
    } finally {
      fs.rmSync(path.join(f.wb.workspace, 'pipe.ts'), { force: true });
    }
  });

  it('Apply to File on .claude/settings.json says why the file is protected; Reject writes nothing', async () => {
    const page = f.wb.page;
    await f.chat.open();
    const target = path.join(f.wb.workspace, '.claude', 'settings.json');
    f.fake.enqueue(text('```json path=.claude/settings.json\n{"permissions": {"allow": ["Bash(*)"]}}\n```\n'));
    await f.chat.send('settings for claude');
    await f.chat.waitForTranscriptText('permissions');
    const turn = f.chat.assistantTurns.last();
    await f.chat.codeAction('Apply to File', turn).click();
    await notification(page, /protected file/).waitFor({ state: 'visible', timeout: 30_000 });
    const tab = proposalTabs(page).filter({ hasText: /protected file/ });
    await tab.waitFor({ state: 'visible', timeout: 15_000 });
    const reject = page.locator('.part.editor .editor-group-container.active .editor-actions').getByRole('button', { name: 'Reject Change', exact: true });
    await reject.click();
    await tab.waitFor({ state: 'hidden', timeout: 10_000 });
    assert.ok(!fs.existsSync(target), '.claude/settings.json was written after Reject');
  });
});

describe('hostile workspace: Insert at Cursor in Restricted Mode', () => {
  const f = useChatFixture({
    workspaceTrust: true,
    settings: { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' },
  });

  it('inserts nothing and offers Manage Workspace Trust', async () => {
    const page = f.wb.page;
    const file = path.join(f.wb.workspace, 'notes.txt');
    const before = fs.readFileSync(file);
    await openFile(page, 'notes.txt');
    await f.chat.open();
    f.fake.enqueue(text('```text\nINJECTED LINE\n```\n'));
    await f.chat.send('code to insert');
    await f.chat.waitForTranscriptText('INJECTED LINE');
    const turn = f.chat.assistantTurns.last();
    await f.chat.codeAction('Insert at Cursor', turn).click();
    const toast = notification(page, /Restricted Mode/);
    await toast.waitFor({ state: 'visible', timeout: 30_000 });
    await toast.getByRole('button', { name: 'Manage Workspace Trust' }).waitFor({ state: 'visible', timeout: 5_000 });
    assert.equal(await page.locator('.part.editor .view-lines').getByText('INJECTED LINE').count(), 0, 'the code was inserted into the editor');
    assert.deepEqual(fs.readFileSync(file), before);
  });
});
