// End to end: the panel from the keyboard alone. Only key presses drive it after the command palette:
// focus lands in the message box, Enter sends, Shift+Tab walks back through the answer to a code block's
// Copy button and the thinking summary, and a write waiting for approval is approved with Space.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { thinking, text, toolUse } from '../fake-anthropic';
import { useChatFixture } from './fixtures';

/** Runs in the page: the clipboard's text (the e2e tests compile without the DOM library). */
const readClipboard = (): Promise<string> => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText();

interface Focused {
  tag: string;
  name: string;
}

describe('Chat panel: keyboard only', () => {
  const f = useChatFixture();

  beforeEach(async () => {
    f.fake.reset();
    await f.chat.open();
  });

  /** The element focused inside the chat webview: its tag and accessible-ish name. */
  const focused = (): Promise<Focused> =>
    f.chat.transcript.evaluate((log) => {
      const el = log.ownerDocument.activeElement;
      if (!el) return { tag: '', name: '' };
      const name = el.getAttribute('aria-label') ?? (el.tagName === 'SUMMARY' ? (el.textContent ?? '') : (el.textContent ?? '').trim());
      return { tag: el.tagName.toLowerCase(), name };
    });

  /** Presses `key` until the focused element satisfies `want` (at most `max` presses). */
  async function tabTo(key: 'Tab' | 'Shift+Tab', what: string, want: (el: Focused) => boolean, max = 40): Promise<void> {
    const path: string[] = [];
    for (let i = 0; i < max; i++) {
      await f.wb.page.keyboard.press(key);
      const el = await focused();
      if (want(el)) return;
      path.push(`${el.tag}:${el.name.slice(0, 30)}`);
    }
    throw new Error(`${key} never reached ${what}; focus went through: ${path.join(' → ')}`);
  }

  it('New Chat focuses the message box; Enter sends; Shift+Tab reaches Copy and the thinking summary, Enter uses them', async () => {
    const page = f.wb.page;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
    f.fake.enqueue(thinking(['Weighing ', 'the options.'], ['Here:\n\n', '```python\nprint("typed by keys")\n```\n', '\nThat is all.']));
    await f.chat.runCommand('Claude: New Chat');
    await f.chat.input.waitFor({ state: 'visible' });
    const deadline = Date.now() + 10_000;
    while ((await focused()).name !== 'Message Claude') {
      if (Date.now() > deadline) throw new Error(`New Chat left focus on ${JSON.stringify(await focused())}, not the message box`);
      await page.waitForTimeout(50); // the focus request travels host → webview
    }
    await page.keyboard.type('answer with code');
    await page.keyboard.press('Enter');
    await f.chat.waitForTranscriptText('That is all.');
    await f.chat.sendButton.waitFor({ state: 'visible' });
    const turn = f.chat.assistantTurns.last();
    await turn.getByText(/^Thought/).waitFor({ state: 'visible' });
    assert.equal(await turn.locator('details.thinking').evaluate((d) => (d as unknown as { open: boolean }).open), false, 'finished thinking starts collapsed');

    await f.chat.input.focus();
    await tabTo('Shift+Tab', 'the Copy button', (el) => el.tag === 'button' && /^Copy/.test(el.name));
    await page.keyboard.press('Enter');
    await f.chat.codeToolbars(turn).getByText('Copied').waitFor({ state: 'visible' });
    // The host writes the clipboard (vscode.env.clipboard); it has no change event, so poll it.
    let clip = '';
    for (const until = Date.now() + 10_000; Date.now() < until && clip !== 'print("typed by keys")\n'; await page.waitForTimeout(100)) clip = await page.evaluate(readClipboard);
    assert.equal(clip, 'print("typed by keys")\n');

    await tabTo('Shift+Tab', 'the thinking summary', (el) => el.tag === 'summary' && /^Thought/.test(el.name));
    await page.keyboard.press('Enter');
    await turn.getByText('Weighing the options.').waitFor({ state: 'visible' });
    assert.equal(await turn.locator('details.thinking').evaluate((d) => (d as unknown as { open: boolean }).open), true, 'Enter on the summary opens the thinking');
  });

  it('a write waiting for approval is approved from the keyboard', async () => {
    const file = path.join(f.wb.workspace, 'keyboard-note.txt');
    fs.rmSync(file, { force: true });
    f.fake.enqueue(toolUse({ name: 'write_file', input: { path: 'keyboard-note.txt', content: 'approved by keyboard\n' } }), text('Written.'));
    await f.chat.input.focus();
    await page().keyboard.type('write a note');
    await page().keyboard.press('Enter');
    const card = f.chat.toolCard('write_file').last();
    await f.chat.withStatus(card, 'awaiting_approval').waitFor({ state: 'visible', timeout: 30_000 });
    // The proposed change opens in a diff editor; a keyboard user comes back to the panel with New Chat's
    // sibling, the view's own focus command.
    await f.chat.runCommand('Claude: Focus on Chat View');
    await tabTo('Shift+Tab', 'the Approve button', (el) => el.tag === 'button' && el.name === 'Approve');
    assert.ok(!fs.existsSync(file), 'nothing is written before approval');
    await page().keyboard.press('Space');
    await f.chat.withStatus(card, 'done').waitFor({ state: 'visible', timeout: 30_000 });
    await f.chat.waitForTranscriptText('Written.');
    assert.equal(fs.readFileSync(file, 'utf8'), 'approved by keyboard\n');
    fs.rmSync(file, { force: true });
  });

  const page = () => f.wb.page;
});
