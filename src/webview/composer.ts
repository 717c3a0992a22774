// The message box: Enter sends, Shift+Enter adds a line, Send becomes Stop while a response streams.
import type { AttachmentChip } from '../shared/protocol';
import { h, icon } from './dom';
import { postToHost } from './vscodeApi';

export class Composer {
  readonly el: HTMLElement;
  private readonly input: HTMLTextAreaElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly stopButton: HTMLButtonElement;
  private readonly chips: HTMLElement;
  private streaming = false;
  /** Messages sent from this panel, newest last, for Up/Down recall. */
  private readonly sent: string[] = [];
  private recallIndex: number | undefined;

  constructor() {
    this.input = h('textarea', { 'aria-label': 'Message Claude', placeholder: 'Message Claude (Enter to send, Shift+Enter for a new line)', rows: '3', class: 'composer-input' });
    this.sendButton = h('button', { type: 'submit', class: 'icon-button primary', 'aria-label': 'Send', title: 'Send (Enter)' }, icon('send'));
    this.stopButton = h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Stop', title: 'Stop (Escape)', hidden: true }, icon('debug-stop'));
    this.chips = h('div', { class: 'chips', 'aria-label': 'Attached to the next message', hidden: true });
    const form = h('form', { class: 'composer', 'aria-label': 'Message composer' }, this.input, h('div', { class: 'composer-actions' }, this.stopButton, this.sendButton));
    this.el = h('div', { class: 'composer-area' }, this.chips, form);

    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.submit();
    });
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        this.submit();
      } else if (e.key === 'Escape' && this.streaming) {
        e.preventDefault();
        postToHost({ type: 'stop' });
      } else if ((e.key === 'ArrowUp' || e.key === 'ArrowDown') && !e.shiftKey && this.recall(e.key === 'ArrowUp' ? -1 : 1)) {
        e.preventDefault();
      }
    });
    this.stopButton.addEventListener('click', () => postToHost({ type: 'stop' }));
  }

  setStreaming(streaming: boolean): void {
    this.streaming = streaming;
    this.stopButton.hidden = !streaming;
    this.sendButton.hidden = streaming;
    // Keep focus on the controls a keyboard user was on.
    if (!streaming && document.activeElement === this.stopButton) this.input.focus();
    if (streaming && document.activeElement === this.sendButton) this.stopButton.focus();
  }

  setAttachments(attachments: readonly AttachmentChip[]): void {
    this.chips.hidden = attachments.length === 0;
    this.chips.replaceChildren(
      ...attachments.map((a) => {
        const remove = h('button', { type: 'button', class: 'chip-remove', 'aria-label': `Remove ${a.label}`, title: 'Remove' }, icon('close'));
        remove.addEventListener('click', () => postToHost({ type: 'removeAttachment', id: a.id }));
        return h('span', { class: 'chip' }, icon('code'), h('span', {}, a.label), remove);
      }),
    );
  }

  focus(): void {
    this.input.focus();
  }

  private submit(): void {
    const text = this.input.value;
    if (!text.trim() || this.streaming) return;
    postToHost({ type: 'send', text });
    if (this.sent.at(-1) !== text) this.sent.push(text);
    this.recallIndex = undefined;
    this.input.value = '';
  }

  /**
   * Up in an empty box (or one showing a recalled message) brings back earlier messages; Down goes
   * forward again. Anywhere else the arrows move the caret as usual.
   */
  private recall(direction: -1 | 1): boolean {
    const browsing = this.recallIndex !== undefined && this.input.value === this.sent[this.recallIndex];
    if (!browsing && (direction === 1 || this.input.value !== '')) return false;
    const from = browsing ? this.recallIndex! : this.sent.length;
    const next = from + direction;
    if (next < 0 || this.sent.length === 0) return browsing;
    if (next >= this.sent.length) {
      this.recallIndex = undefined;
      this.input.value = '';
      return true;
    }
    this.recallIndex = next;
    this.input.value = this.sent[next]!;
    this.input.setSelectionRange(this.input.value.length, this.input.value.length);
    return true;
  }
}
