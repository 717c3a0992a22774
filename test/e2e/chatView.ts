// Page object for the Claude chat view in the workbench. Selectors follow CONTRACT.md's accessible
// names, so they double as an accessibility check.
import type { FrameLocator, Locator, Page } from 'playwright-core';

const EXTENSION_ID = 'claude-companion.claude-companion';
/** The chat view's outer webview iframe; `extensionId`/`purpose` in its src tell it apart from other webviews. */
const CHAT_WEBVIEW_IFRAME = `iframe.webview[src*="extensionId=${EXTENSION_ID}"][src*="purpose=webviewView"]`;

export class ChatView {
  /** Which of our extension's webview views is the chat (found by `open()`; it may have several). */
  private webviewIndex = 0;

  constructor(readonly page: Page) {}

  /** The chat webview's document (outer `iframe.webview`, inner `#active-frame`). */
  get frame(): FrameLocator {
    return this.webviewFrame(this.webviewIndex);
  }

  private webviewFrame(index: number): FrameLocator {
    return this.page.locator(CHAT_WEBVIEW_IFRAME).nth(index).contentFrame().frameLocator('#active-frame');
  }

  get input(): Locator {
    return this.frame.getByRole('textbox', { name: 'Message Claude' });
  }

  get transcript(): Locator {
    return this.frame.getByRole('log');
  }

  /** Assistant turns (`role="article"`, name beginning with "Claude"). */
  get assistantTurns(): Locator {
    return this.transcript.getByRole('article', { name: /^Claude/ });
  }

  get sendButton(): Locator {
    return this.frame.getByRole('button', { name: 'Send', exact: true });
  }

  get stopButton(): Locator {
    return this.frame.getByRole('button', { name: 'Stop', exact: true });
  }

  get alert(): Locator {
    return this.frame.getByRole('alert');
  }

  /** Tool cards for `name` in the transcript (`role="group"`, `aria-label="Tool: <name>"`), oldest first. */
  toolCard(name: string): Locator {
    return this.transcript.getByRole('group', { name: `Tool: ${name}`, exact: true });
  }

  /** `card` once its `data-status` is `status` (running, awaiting_approval, done, failed, declined, refused). */
  withStatus(card: Locator, status: string): Locator {
    return card.and(this.frame.locator(`[data-status="${status}"]`));
  }

  /** The Restricted Mode banner (a `role="status"` line above the transcript). */
  get trustBanner(): Locator {
    return this.frame.getByRole('status').filter({ hasText: 'Restricted Mode' });
  }

  /** The activity-bar item titled "Claude". */
  get activityBarItem(): Locator {
    return this.page.locator('.activitybar').getByRole('tab', { name: 'Claude', exact: true });
  }

  /**
   * Shows the Claude view and waits until the chat input is usable. Waits for the activity-bar item
   * (it appears only once the remote extension host has registered the extension), clicks it unless
   * already selected (clicking a selected item hides the side bar), and falls back to the command
   * palette when the item never shows (e.g. moved into the overflow menu).
   */
  async open({ timeoutMs = 60_000 } = {}): Promise<void> {
    const item = this.activityBarItem;
    const shown = await item
      .waitFor({ state: 'visible', timeout: timeoutMs / 2 })
      .then(() => true)
      .catch(() => false);
    if (!shown) await this.runCommand('View: Show Claude');
    else if ((await item.getAttribute('aria-selected')) !== 'true') await item.click();
    this.webviewIndex = await this.findChatWebview(timeoutMs);
    await this.input.waitFor({ state: 'visible', timeout: timeoutMs });
  }

  /** Index of the webview view that holds the message box, polling until it has rendered. */
  private async findChatWebview(timeoutMs: number): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const count = await this.page.locator(CHAT_WEBVIEW_IFRAME).count();
      for (let i = 0; i < count; i++) {
        const box = this.webviewFrame(i).getByRole('textbox', { name: 'Message Claude' });
        if (await box.isVisible().catch(() => false)) return i;
      }
      if (Date.now() > deadline) throw new Error(`no Claude webview with a "Message Claude" box appeared within ${timeoutMs} ms (${count} webview(s) of the extension found)`);
      await this.page.waitForTimeout(100); // poll interval while the webview loads
    }
  }

  /** Runs a command through the command palette (F1) by its label. */
  async runCommand(label: string): Promise<void> {
    await this.page.locator('.monaco-workbench').focus();
    await this.page.keyboard.press('F1');
    const box = this.page.locator('.quick-input-widget input[type="text"], .quick-input-widget .quick-input-box input').first();
    await box.waitFor({ state: 'visible' });
    await box.fill(`>${label}`);
    await this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: label }).first().waitFor();
    await box.press('Enter');
  }

  /** Types a message into the chat input and presses Enter. */
  async send(text: string): Promise<void> {
    await this.input.click();
    await this.input.fill(text);
    await this.input.press('Enter');
  }

  /**
   * Waits (Playwright auto-wait) until the transcript contains `expected` (case-sensitive) and returns
   * its text. On timeout the error shows what the transcript holds instead.
   */
  async waitForTranscriptText(expected: string | RegExp, { timeoutMs = 30_000 } = {}): Promise<string> {
    const pattern = typeof expected === 'string' ? new RegExp(expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : expected;
    try {
      await this.transcript.filter({ hasText: pattern }).waitFor({ state: 'visible', timeout: timeoutMs });
    } catch (err) {
      const shown = await this.transcript.innerText({ timeout: 1000 }).catch(() => '(transcript not found)');
      throw new Error(`chat transcript never showed ${String(pattern)} within ${timeoutMs} ms; it shows:\n${shown || '(empty)'}\n(${(err as Error).message.split('\n')[0]})`, {
        cause: err,
      });
    }
    return this.transcript.innerText();
  }

  /** Code-block toolbars (`role="toolbar"`, "Code actions") in `scope` (default: the transcript), oldest first. */
  codeToolbars(scope: Locator = this.transcript): Locator {
    return scope.getByRole('toolbar', { name: 'Code actions' });
  }

  /** A button of the latest code block in `scope`: 'Copy', 'Insert at Cursor' or 'Apply to File'. */
  codeAction(name: 'Copy' | 'Insert at Cursor' | 'Apply to File', scope: Locator = this.transcript): Locator {
    return this.codeToolbars(scope).last().getByRole('button', { name, exact: true });
  }

  /** Summaries of the thinking blocks (a `<details>` each) in `scope`, oldest first. */
  thinkingSummaries(scope: Locator = this.transcript): Locator {
    return scope.locator('details.thinking > summary');
  }
}
