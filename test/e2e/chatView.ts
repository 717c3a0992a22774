// Page object for the Claude chat view in the workbench. Selectors follow CONTRACT.md's accessible
// names, so they double as an accessibility check.
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { runCommand } from './workbench';

const EXTENSION_ID = 'claude-companion.claude-companion';
/**
 * Our extension's outer webview iframes (`extensionId` in the src). Not `purpose=webviewView`: a view
 * re-created after being hidden loses that parameter. The message box tells the chat apart.
 */
const CHAT_WEBVIEW_IFRAME = `iframe.webview[src*="extensionId=${EXTENSION_ID}"]`;

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
   * (it appears only once the remote extension host has registered the extension) and clicks it unless
   * already selected (clicking a selected item hides the side bar). No fallback and no second click:
   * an item that does not appear, or does not select on the first click, fails the test.
   */
  async open({ timeoutMs = 60_000 } = {}): Promise<void> {
    const item = this.activityBarItem;
    await item.waitFor({ state: 'visible', timeout: timeoutMs }).catch((err: Error) => {
      throw new Error(`the Claude activity-bar item did not appear within ${timeoutMs} ms (${err.message.split('\n')[0]})`, { cause: err });
    });
    const selected = item.and(this.page.locator('[aria-selected="true"]'));
    if (!(await selected.count())) {
      await item.click();
      await selected.waitFor({ state: 'attached', timeout: 10_000 }).catch((err: Error) => {
        throw new Error(`the Claude activity-bar item was not selected by a click (${err.message.split('\n')[0]})`, { cause: err });
      });
    }
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
      if (Date.now() > deadline) {
        const srcs = await this.page.locator('iframe.webview').evaluateAll((els) => els.map((e) => e.getAttribute('src')));
        throw new Error(`no Claude webview with a "Message Claude" box appeared within ${timeoutMs} ms (${count} webview(s) of the extension found; all webview iframes: ${srcs.join(', ') || 'none'})`);
      }
      await this.page.waitForTimeout(100); // poll interval while the webview loads
    }
  }

  /** Runs a command through the command palette (F1) by its label. */
  async runCommand(label: string): Promise<void> {
    await runCommand(this.page, label);
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

  /** The `@` picker's list of workspace files (`role="listbox"`). */
  get filePicker(): Locator {
    return this.frame.getByRole('listbox', { name: 'Workspace files' });
  }

  /** The picker's options; each option's accessible name is the file's workspace-relative path. */
  get fileOptions(): Locator {
    return this.filePicker.getByRole('option');
  }

  /** What goes with the next message: selection, `@` file and image chips. */
  get attachedChips(): Locator {
    return this.frame.getByRole('group', { name: 'Attached to the next message' });
  }

  get modelSelect(): Locator {
    return this.frame.getByRole('combobox', { name: 'Model', exact: true });
  }

  get thinkingSelect(): Locator {
    return this.frame.getByRole('combobox', { name: 'Thinking', exact: true });
  }

  /** Drops a file with `name`, `type` and text `content` on the message box, as dragging it in would. */
  async dropFile(name: string, type: string, content: string): Promise<void> {
    await this.input.evaluate(
      (el, { name, type, content }) => {
        const page = globalThis as unknown as PageApi;
        const data = new page.DataTransfer();
        data.items.add(new File([content], name, { type }));
        (el as unknown as EventTarget).dispatchEvent(new page.DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
      },
      { name, type, content },
    );
  }

  /**
   * Draws a `width`×`height` PNG in the webview and pastes it into the message box as a clipboard
   * image would arrive (a `paste` event whose DataTransfer holds the file).
   */
  async pasteImage(width: number, height: number, name = 'screenshot.png'): Promise<void> {
    await this.input.evaluate(
      async (el, { width, height, name }) => {
        const page = globalThis as unknown as PageApi;
        const canvas = new page.OffscreenCanvas(width, height);
        const ctx = canvas.getContext('2d');
        const gradient = ctx.createLinearGradient(0, 0, width, height);
        gradient.addColorStop(0, '#336699');
        gradient.addColorStop(1, '#cc9933');
        ctx.fillStyle = gradient;
        ctx.fillRect(0, 0, width, height);
        ctx.fillStyle = '#ffffff';
        ctx.fillRect(width / 4, height / 4, width / 2, height / 2);
        const blob = await canvas.convertToBlob({ type: 'image/png' });
        const data = new page.DataTransfer();
        data.items.add(new File([blob], name, { type: 'image/png' }));
        (el as unknown as EventTarget).dispatchEvent(new page.ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      },
      { width, height, name },
    );
  }

  /**
   * Picks `value` in one of the composer's selects and waits until the host has saved the setting and
   * sent the options back (the select's options are rebuilt then, showing `value`).
   */
  async chooseComposerOption(select: Locator, value: string, { timeoutMs = 15_000 } = {}): Promise<void> {
    await select.locator('option').evaluateAll((options) => options.forEach((o) => o.setAttribute('data-stale', '')));
    await select.selectOption(value);
    await select
      .and(this.frame.locator(':not(:has(option[data-stale]))'))
      .filter({ has: this.frame.locator(`option[value="${value}"]:checked`) })
      .waitFor({ timeout: timeoutMs });
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

/** The few browser APIs the in-page helpers use (the e2e tests compile without the DOM library). */
interface PageApi {
  OffscreenCanvas: new (
    width: number,
    height: number,
  ) => {
    getContext(kind: '2d'): {
      createLinearGradient(x0: number, y0: number, x1: number, y1: number): { addColorStop(offset: number, color: string): void };
      fillStyle: unknown;
      fillRect(x: number, y: number, w: number, h: number): void;
    };
    convertToBlob(options: { type: string }): Promise<Blob>;
  };
  DataTransfer: new () => { items: { add(file: File): void } };
  ClipboardEvent: new (type: string, init: object) => Event;
  DragEvent: new (type: string, init: object) => Event;
}
