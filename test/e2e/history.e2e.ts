// End to end: conversations survive a reload of the workbench (which restarts the extension host in
// code-server), and the history list opens from the view's title bar and opens a conversation.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator } from 'playwright-core';
import { text } from '../fake-anthropic';
import { useChatFixture } from './fixtures';

interface IndexEntry {
  readonly title: string;
  readonly messageCount: number;
  readonly interrupted?: boolean;
}

describe('Conversation history in the panel', () => {
  const f = useChatFixture();

  const conversationsDir = () => path.join(f.wb.server.userDataDir, 'User', 'globalStorage', 'claude-companion.claude-companion', 'conversations');

  /** Waits until the store's index lists `title` with a finished answer (the reload must not race the save). */
  async function waitSaved(title: string, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const index = JSON.parse(fs.readFileSync(path.join(conversationsDir(), 'index.json'), 'utf8')) as { entries: IndexEntry[] };
        if (index.entries.some((e) => e.title === title && e.messageCount >= 2 && !e.interrupted)) return;
      } catch {
        // not written yet
      }
      if (Date.now() > deadline) throw new Error(`"${title}" was not saved within ${timeoutMs} ms (${conversationsDir()})`);
      await new Promise((r) => setTimeout(r, 100)); // poll interval while the extension host writes
    }
  }

  const historyList = () => f.chat.frame.getByRole('list', { name: 'Saved conversations' });
  const historyItem = (title: string): Locator => historyList().getByRole('listitem', { name: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')},`) });

  beforeEach(async () => {
    f.fake.reset();
    await f.chat.open();
  });

  it('a reload of the window brings back the open conversation', async () => {
    f.fake.enqueue(text('I will still be here after the reload.'));
    await f.chat.send('remember this across reloads');
    await f.chat.waitForTranscriptText('I will still be here after the reload.');
    await waitSaved('remember this across reloads');

    await f.wb.page.reload({ waitUntil: 'domcontentloaded' });
    await f.wb.page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
    await f.chat.open();
    const shown = await f.chat.waitForTranscriptText('I will still be here after the reload.');
    assert.match(shown, /remember this across reloads/);
    assert.equal(await f.chat.assistantTurns.count(), 1);
    // It is the same conversation: the next question carries the restored history.
    await f.chat.send('and one more');
    await f.chat.waitForTranscriptText('You said: and one more');
    const request = f.fake.requests.filter((r) => r.path === '/v1/messages').at(-1);
    const messages = (request?.body as { messages: { role: string }[] }).messages;
    assert.equal(messages.length, 3, 'question, restored answer, new question');
  });

  it('the title bar button opens the history list; choosing a conversation opens it', async () => {
    await f.chat.runCommand('Claude: New Chat');
    f.fake.enqueue(text('Answer of the second conversation.'));
    await f.chat.send('a second conversation');
    await f.chat.waitForTranscriptText('Answer of the second conversation.');
    await waitSaved('a second conversation');

    await f.wb.page.locator('.part.sidebar').getByRole('button', { name: 'Show Conversation History' }).click();
    await historyList().waitFor({ state: 'visible' });
    assert.equal(await f.chat.transcript.isVisible(), false, 'the list replaces the transcript');
    const first = historyItem('remember this across reloads');
    const second = historyItem('a second conversation');
    await first.waitFor();
    await second.waitFor();
    assert.equal(await second.getByRole('button', { name: 'Open a second conversation' }).getAttribute('aria-current'), 'true', 'the open one is marked');

    // The search box filters as you type.
    const search = f.chat.frame.getByRole('searchbox', { name: 'Search conversations' });
    await search.fill('reloads');
    await second.waitFor({ state: 'detached' });
    assert.equal(await historyList().getByRole('listitem').count(), 1);

    // Keyboard: Down from the search box reaches the item; Enter opens it.
    await search.press('ArrowDown');
    const open = first.getByRole('button', { name: 'Open remember this across reloads' });
    assert.equal(await open.evaluate((el) => el === el.ownerDocument.activeElement), true, 'Down moves focus from the search box to the first conversation');
    await f.wb.page.keyboard.press('Enter');
    await historyList().waitFor({ state: 'hidden' });
    const shown = await f.chat.waitForTranscriptText('I will still be here after the reload.');
    assert.doesNotMatch(shown, /Answer of the second conversation/);
  });

  it('rename with F2, delete from the list, then Undo', async () => {
    await f.chat.runCommand('Claude: Show Conversation History');
    const original = historyItem('a second conversation');
    await original.waitFor();
    // F2 on an item renames it inline; Enter saves.
    await original.getByRole('button', { name: 'Open a second conversation' }).focus();
    await f.wb.page.keyboard.press('F2');
    const title = f.chat.frame.getByRole('textbox', { name: 'Conversation title' });
    await title.fill('renamed conversation');
    await title.press('Enter');
    const item = historyItem('renamed conversation');
    await item.waitFor();
    await waitSaved('renamed conversation');
    await item.getByRole('button', { name: 'Delete renamed conversation' }).click();
    await item.waitFor({ state: 'detached' });
    const undo = f.chat.frame.getByRole('status').filter({ hasText: 'Deleted "renamed conversation".' }).getByRole('button', { name: 'Undo' });
    await undo.click();
    await item.waitFor();
    await f.chat.frame.getByRole('button', { name: 'Close history' }).click();
    await f.chat.transcript.waitFor({ state: 'visible' });
  });
});
