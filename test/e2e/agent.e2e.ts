// End to end: the agent's file changes as a user meets them in the real workbench. A proposed write waits
// in its tool card and in VS Code's diff editor until the user approves or rejects it, nothing reaches
// the disk before that, "Revert this turn" puts auto-approved changes back, and in Restricted Mode writes
// are refused while reads still work. Assertions cover what the user sees and the bytes on disk.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { text, toolUse, type FakeAnthropic } from '../fake-anthropic';
import type { ChatView } from './chatView';
import { useChatFixture, type ChatFixture } from './fixtures';
import { ARTIFACTS_DIR } from './workbench';

interface ToolResultBlock {
  type: 'tool_result';
  tool_use_id: string;
  content: unknown;
  is_error?: boolean;
}

function messagesRequests(fake: FakeAnthropic) {
  return fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/messages');
}

/** The tool_result blocks of a request's last message (the answer to the previous tool_use). */
function toolResults(body: unknown): ToolResultBlock[] {
  const last = (body as { messages?: Array<{ role: string; content: unknown }> }).messages?.at(-1);
  if (!last || last.role !== 'user' || !Array.isArray(last.content)) return [];
  return (last.content as Array<{ type?: unknown }>).filter((b): b is ToolResultBlock => b?.type === 'tool_result');
}

/** A tool_result's text (its content is a string or an array of text blocks). */
function resultText(block: ToolResultBlock): string {
  if (typeof block.content === 'string') return block.content;
  if (Array.isArray(block.content)) return (block.content as Array<{ text?: unknown }>).map((b) => (typeof b.text === 'string' ? b.text : '')).join('');
  return '';
}

/**
 * Waits (Playwright auto-wait) for `target`; on timeout the error says what was expected and what
 * `shownIn` shows instead.
 */
async function waitShown(target: Locator, expected: string, shownIn: Locator, { state = 'visible' as 'visible' | 'hidden' | 'detached', timeoutMs = 30_000 } = {}): Promise<void> {
  try {
    await target.waitFor({ state, timeout: timeoutMs });
  } catch (err) {
    const shown = await shownIn.innerText({ timeout: 1000 }).catch(() => '(not found)');
    throw new Error(`${expected} (${state}) within ${timeoutMs} ms; it shows:\n${shown || '(empty)'}`, { cause: err });
  }
}

/** The editor tabs (all editor groups). */
function editorTabs(page: Page): Locator {
  return page.locator('.part.editor .tabs-container');
}

/** An editor tab by its title, e.g. "Proposed change: src/greet.ts (Claude)". */
function editorTab(page: Page, title: string): Locator {
  return editorTabs(page).getByRole('tab', { name: title });
}

/** Tab titles, for failure messages. */
async function tabTitles(page: Page): Promise<string> {
  const labels = await editorTabs(page)
    .getByRole('tab')
    .evaluateAll((els) => els.map((e) => (e as unknown as { getAttribute(n: string): string | null }).getAttribute('aria-label') ?? '?'));
  return labels.length ? labels.join(' | ') : '(no editor tabs)';
}

/** Waits for a tool card's status; the error names the status it shows instead. */
async function waitStatus(chat: ChatView, card: Locator, status: string, timeoutMs = 30_000): Promise<void> {
  try {
    await chat.withStatus(card, status).waitFor({ state: 'visible', timeout: timeoutMs });
  } catch (err) {
    const now = await card.getAttribute('data-status', { timeout: 1000 }).catch(() => '(card not found)');
    const shown = await card.innerText({ timeout: 1000 }).catch(() => '');
    throw new Error(`the tool card never reached status ${status} within ${timeoutMs} ms; it is ${now}: ${JSON.stringify(shown)}`, { cause: err });
  }
}

/** A screenshot mid-test (the fixture takes one after each test), e.g. while a write awaits approval. */
async function snapshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`) });
}

/** Gives every `it` its own fake queue and makes sure the chat is showing. */
function freshTurns(f: ChatFixture): void {
  beforeEach(async () => {
    f.fake.reset();
    await f.chat.open();
  });
}

describe('Agent: approving and rejecting writes', () => {
  const f = useChatFixture();
  freshTurns(f);

  it('Approve in the tool card applies an edit_file shown in the diff editor, then the model finishes', async () => {
    const page = f.wb.page;
    const file = path.join(f.wb.workspace, 'src', 'greet.ts');
    const before = fs.readFileSync(file);
    assert.match(before.toString('utf8'), /Hello, \$\{name\}!/, 'fixture greet.ts');
    f.fake.enqueue(
      toolUse({ name: 'edit_file', input: { path: 'src/greet.ts', old_text: 'Hello', new_text: 'Howdy' } }, { text: 'Changing the greeting.' }),
      text('Done.'),
    );
    await f.chat.send('Greet with Howdy instead of Hello');

    const card = f.chat.toolCard('edit_file').last();
    const approve = card.getByRole('button', { name: 'Approve', exact: true });
    await waitShown(approve, 'the edit_file card never offered Approve', f.chat.transcript);
    await waitStatus(f.chat, card, 'awaiting_approval');
    await waitShown(card.getByRole('button', { name: 'Reject', exact: true }), 'the card offers no Reject', card);
    await waitShown(card.getByRole('button', { name: 'Show Diff', exact: true }), 'the card offers no Show Diff', card);
    assert.match(await card.innerText(), /src\/greet\.ts/, 'the card names the file');

    const title = 'Proposed change: src/greet.ts (Claude)';
    const tab = editorTab(page, title);
    try {
      await tab.waitFor({ state: 'visible', timeout: 15_000 });
    } catch (err) {
      throw new Error(`no editor tab "${title}"; tabs: ${await tabTitles(page)}`, { cause: err });
    }
    assert.deepEqual(fs.readFileSync(file), before, 'greet.ts changed on disk before Approve');
    await snapshot(page, 'agent-approve-awaiting-approval');
    assert.equal(messagesRequests(f.fake).length, 1, 'the model was asked again before the user decided');

    await approve.click();
    await waitStatus(f.chat, card, 'done');
    await waitShown(approve, 'Approve stayed in the card after approving', card, { state: 'hidden' });
    try {
      await tab.waitFor({ state: 'hidden', timeout: 10_000 });
    } catch (err) {
      throw new Error(`the diff tab stayed open after Approve; tabs: ${await tabTitles(page)}`, { cause: err });
    }
    assert.equal(fs.readFileSync(file, 'utf8'), before.toString('utf8').replace('Hello', 'Howdy'));
    await f.chat.waitForTranscriptText('Done.');

    const sent = messagesRequests(f.fake);
    assert.equal(sent.length, 2);
    const [result] = toolResults(sent[1]!.body);
    assert.ok(result, 'the second request carries no tool_result');
    assert.notEqual(result.is_error, true, `tool_result is an error: ${resultText(result)}`);
  });

  it('Reject in the tool card declines a write_file, leaves the file untouched and tells the model', async () => {
    const page = f.wb.page;
    const file = path.join(f.wb.workspace, 'notes.txt');
    const before = fs.readFileSync(file);
    f.fake.enqueue(toolUse({ name: 'write_file', input: { path: 'notes.txt', content: 'Rewritten by Claude.\n' } }), text('Understood, I left it alone.'));
    await f.chat.send('Rewrite notes.txt');

    const card = f.chat.toolCard('write_file').last();
    const reject = card.getByRole('button', { name: 'Reject', exact: true });
    await waitShown(reject, 'the write_file card never offered Reject', f.chat.transcript);
    const tab = editorTab(page, 'Proposed change: notes.txt (Claude)');
    try {
      await tab.waitFor({ state: 'visible', timeout: 15_000 });
    } catch (err) {
      throw new Error(`no diff tab for notes.txt; tabs: ${await tabTitles(page)}`, { cause: err });
    }

    await reject.click();
    await waitStatus(f.chat, card, 'declined');
    assert.match(await card.innerText(), /declined/);
    await waitShown(reject, 'Reject stayed in the card after rejecting', card, { state: 'hidden' });
    try {
      await tab.waitFor({ state: 'hidden', timeout: 10_000 });
    } catch (err) {
      throw new Error(`the diff tab stayed open after Reject; tabs: ${await tabTitles(page)}`, { cause: err });
    }
    await f.chat.waitForTranscriptText('Understood, I left it alone.');
    assert.deepEqual(fs.readFileSync(file), before, 'notes.txt changed on disk after Reject');

    const sent = messagesRequests(f.fake);
    assert.equal(sent.length, 2, 'one request for the tool call, one with its result');
    const results = toolResults(sent[1]!.body);
    assert.equal(results.length, 1, `tool_results in the second request: ${JSON.stringify(results)}`);
    const said = resultText(results[0]!);
    assert.equal(results[0]!.is_error, true);
    assert.match(said, /user declined/i, `tool_result: ${JSON.stringify(said)}`);
    assert.match(said, /nothing was written/);
  });

  it('Approve Change in the diff editor title bar applies a new file', async () => {
    const page = f.wb.page;
    const file = path.join(f.wb.workspace, 'docs', 'howdy.md');
    assert.ok(!fs.existsSync(file), 'docs/howdy.md exists before the test');
    f.fake.enqueue(toolUse({ name: 'write_file', input: { path: 'docs/howdy.md', content: '# Howdy\n' } }), text('Created the page.'));
    await f.chat.send('Add a docs page');

    const card = f.chat.toolCard('write_file').last();
    await waitShown(card.getByRole('button', { name: 'Approve', exact: true }), 'the write_file card never offered Approve', f.chat.transcript);
    const title = 'Proposed new file: docs/howdy.md (Claude)';
    const tab = editorTab(page, title);
    try {
      await tab.waitFor({ state: 'visible', timeout: 15_000 });
    } catch (err) {
      throw new Error(`no editor tab "${title}"; tabs: ${await tabTitles(page)}`, { cause: err });
    }
    assert.ok(!fs.existsSync(file), 'docs/howdy.md was created before approval');
    // The title bar of the active editor group, which shows the proposal.
    const approveChange = page.locator('.part.editor .editor-group-container.active .editor-actions').getByRole('button', { name: 'Approve Change', exact: true });
    await waitShown(approveChange, 'the diff editor title bar has no Approve Change action', page.locator('.part.editor'));
    await waitShown(
      page.locator('.part.editor .editor-group-container.active .editor-actions').getByRole('button', { name: 'Reject Change', exact: true }),
      'the diff editor title bar has no Reject Change action',
      page.locator('.part.editor'),
    );
    await approveChange.click();

    await waitStatus(f.chat, card, 'done');
    try {
      await tab.waitFor({ state: 'hidden', timeout: 10_000 });
    } catch (err) {
      throw new Error(`the diff tab stayed open after Approve Change; tabs: ${await tabTitles(page)}`, { cause: err });
    }
    await f.chat.waitForTranscriptText('Created the page.');
    assert.equal(fs.readFileSync(file, 'utf8'), '# Howdy\n');
  });
});

describe('Agent: auto-approved writes and Revert this turn', () => {
  const f = useChatFixture({ settings: { 'claudeCompanion.agent.autoApprove.writes': true } });
  freshTurns(f);

  it('Revert this turn deletes the created file and restores the edited one byte for byte', async () => {
    const greet = path.join(f.wb.workspace, 'src', 'greet.ts');
    const created = path.join(f.wb.workspace, 'notes', 'new.md');
    const greetBefore = fs.readFileSync(greet);
    assert.ok(!fs.existsSync(created), 'notes/new.md exists before the test');
    f.fake.enqueue(
      toolUse([
        { name: 'write_file', input: { path: 'notes/new.md', content: '# New notes\n\nWritten by Claude.\n' } },
        { name: 'edit_file', input: { path: 'src/greet.ts', old_text: 'Hello', new_text: 'Howdy' } },
      ]),
      text('Created the notes and changed the greeting.'),
    );
    await f.chat.send('Add notes and change the greeting');

    await f.chat.waitForTranscriptText('Created the notes and changed the greeting.');
    const turn = f.chat.assistantTurns.last();
    await waitStatus(f.chat, f.chat.toolCard('write_file').last(), 'done');
    await waitStatus(f.chat, f.chat.toolCard('edit_file').last(), 'done');
    // Auto-approved: no Approve button was needed, and both changes are on disk.
    assert.equal(fs.readFileSync(created, 'utf8'), '# New notes\n\nWritten by Claude.\n');
    assert.equal(fs.readFileSync(greet, 'utf8'), greetBefore.toString('utf8').replace('Hello', 'Howdy'));

    const revert = turn.getByRole('button', { name: 'Revert this turn', exact: true });
    await waitShown(revert, 'no "Revert this turn" button under the turn', turn);
    await revert.click();
    // code-server's file system has no trash: the editor asks before deleting the created file for good.
    const noTrash = f.wb.page.locator('.monaco-dialog-box').filter({ hasText: /no trash/i });
    await waitShown(noTrash, 'no question before deleting the created file for good', f.wb.page.locator('.monaco-workbench'));
    await noTrash.getByRole('button', { name: 'Delete Permanently' }).click();
    const reverted = turn.getByRole('status').filter({ hasText: 'Reverted:' });
    await waitShown(reverted, 'no "Reverted: …" line after reverting', turn);
    const said = await reverted.innerText();
    assert.match(said, /restored 1 file/, `revert line: ${JSON.stringify(said)}`);
    assert.match(said, /removed 1 created file/, `revert line: ${JSON.stringify(said)}`);
    await waitShown(revert, 'the revert button stayed after reverting', turn, { state: 'detached' });

    assert.deepEqual(fs.readFileSync(greet), greetBefore, 'greet.ts is not byte-identical after Revert');
    assert.ok(!fs.existsSync(created), 'notes/new.md still exists after Revert');
  });
});

describe('Agent: Restricted Mode', () => {
  const f = useChatFixture({
    workspaceTrust: true,
    // Open the folder untrusted, without the trust dialog.
    settings: { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' },
  });
  freshTurns(f);

  it('VS Code shows Restricted Mode and the chat panel shows the banner with Manage Workspace Trust', async () => {
    const page = f.wb.page;
    // The status bar's Restricted Mode item is VS Code's own sign that the folder is untrusted.
    const statusItem = page.locator('.statusbar').getByText('Restricted Mode', { exact: true });
    await waitShown(statusItem, 'VS Code shows no Restricted Mode item in the status bar', page.locator('.statusbar'));
    const banner = f.chat.trustBanner;
    await waitShown(banner, 'no Restricted Mode banner in the chat panel', f.chat.frame.locator('body'));
    assert.match(await banner.innerText(), /This workspace is in Restricted Mode/);
    await waitShown(banner.getByRole('button', { name: 'Manage Workspace Trust', exact: true }), 'the banner has no Manage Workspace Trust button', banner);
  });

  it('a write_file is refused without asking and creates nothing', async () => {
    const target = path.join(f.wb.workspace, 'blocked.md');
    f.fake.enqueue(toolUse({ name: 'write_file', input: { path: 'blocked.md', content: 'should not exist\n' } }), text('I cannot write here.'));
    await f.chat.send('Create blocked.md');

    const card = f.chat.toolCard('write_file').last();
    await waitStatus(f.chat, card, 'refused');
    assert.equal(await card.getByRole('button', { name: 'Approve', exact: true }).count(), 0, 'a refused write offers Approve');
    assert.match(await card.innerText(), /Restricted Mode/);
    await f.chat.waitForTranscriptText('I cannot write here.');
    assert.ok(!fs.existsSync(target), 'blocked.md was created in Restricted Mode');

    const [result] = toolResults(messagesRequests(f.fake)[1]?.body);
    assert.ok(result, 'the model got no tool_result for the refused write');
    assert.equal(result.is_error, true);
    assert.match(resultText(result), /Restricted Mode/);
  });

  it('a read_file still runs and returns the file', async () => {
    f.fake.enqueue(toolUse({ name: 'read_file', input: { path: 'src/greet.ts' } }), text('It greets by name.'));
    await f.chat.send('What does greet.ts do?');

    const card = f.chat.toolCard('read_file').last();
    await waitStatus(f.chat, card, 'done');
    await f.chat.waitForTranscriptText('It greets by name.');
    const [result] = toolResults(messagesRequests(f.fake)[1]?.body);
    assert.ok(result, 'the model got no tool_result for read_file');
    assert.notEqual(result.is_error, true, `read_file failed: ${resultText(result)}`);
    assert.match(resultText(result), /Hello, \$\{name\}!/);
  });
});
