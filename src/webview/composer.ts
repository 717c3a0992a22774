// The message box: Enter sends, Shift+Enter adds a line, Send becomes Stop while a response streams.
// Around it: chips for what goes with the next message (selections, `@` files, images), the `@` file
// picker, and the row with Attach Image and the model and thinking selects.
import type { AttachmentChip, ComposerOptions, FileMatch } from '../shared/protocol';
import './composer.css';
import { ComposerOptionsView } from './composerOptionsView';
import { h, icon } from './dom';
import { FilePicker } from './filePicker';
import { ImageTray, type TrayImage } from './imageTray';
import { strings } from './strings';
import { postToHost } from './vscodeApi';

export class Composer {
  readonly el: HTMLElement;
  private readonly input: HTMLTextAreaElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly stopButton: HTMLButtonElement;
  private readonly chips: HTMLElement;
  private readonly attachments: HTMLElement;
  private readonly error: HTMLElement;
  private readonly picker: FilePicker;
  private readonly images: ImageTray;
  private readonly options: ComposerOptionsView;
  private streaming = false;
  /** Messages sent from this panel, newest last, for Up/Down recall. */
  private readonly sent: string[] = [];
  private recallIndex: number | undefined;
  /** The last message sent, kept until the next one so a refused send can be put back. */
  private lastSent: { text: string; images: TrayImage[] } | undefined;
  /** Image processing in flight (paste, drop, file input), so a send waits for it. */
  private adding: Promise<void> = Promise.resolve();

  constructor() {
    this.input = h('textarea', { 'aria-label': strings.composer.input, placeholder: strings.composer.placeholder, rows: '3', class: 'composer-input' });
    this.sendButton = h('button', { type: 'submit', class: 'icon-button primary', 'aria-label': strings.composer.send, title: strings.composer.sendTitle }, icon('send'));
    this.stopButton = h('button', { type: 'button', class: 'icon-button', 'aria-label': strings.composer.stop, title: strings.composer.stopTitle, hidden: true }, icon('debug-stop'));
    this.attachments = h('div', { class: 'chips', hidden: true });
    this.images = new ImageTray(
      (message) => this.showError(message),
      () => this.updateChipsRegion(),
    );
    this.chips = h('div', { class: 'chips-region', role: 'group', 'aria-label': strings.composer.attachedRegion, hidden: true }, this.attachments, this.images.el);
    this.error = h('div', { class: 'composer-error', role: 'alert', hidden: true });
    this.picker = new FilePicker(this.input);

    const fileInput = h('input', { type: 'file', accept: 'image/*', multiple: true, hidden: true, tabindex: '-1', 'aria-hidden': 'true' });
    const attachImage = h('button', { type: 'button', class: 'icon-button', 'aria-label': strings.composer.attachImage, title: strings.composer.attachImage }, icon('file-media'));
    attachImage.addEventListener('click', () => fileInput.click());
    fileInput.addEventListener('change', () => {
      this.addImages([...(fileInput.files ?? [])]);
      fileInput.value = '';
    });
    this.options = new ComposerOptionsView(attachImage, fileInput);

    const form = h('form', { class: 'composer', 'aria-label': strings.composer.form }, h('div', { class: 'composer-box' }, this.picker.el, this.input), h('div', { class: 'composer-actions' }, this.stopButton, this.sendButton));
    this.el = h('div', { class: 'composer-area' }, this.chips, this.error, form, this.options.el);

    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.submit();
    });
    this.input.addEventListener('keydown', (e) => {
      if (e.isComposing) return;
      if (this.picker.handleKey(e)) {
        e.preventDefault();
        e.stopPropagation();
      } else if (e.key === 'Enter' && !e.shiftKey) {
        e.preventDefault();
        void this.submit();
      } else if (e.key === 'Escape' && this.streaming) {
        e.preventDefault();
        postToHost({ type: 'stop' });
      } else if ((e.key === 'ArrowUp' || e.key === 'ArrowDown') && !e.shiftKey && this.recall(e.key === 'ArrowUp' ? -1 : 1)) {
        e.preventDefault();
      }
    });
    this.input.addEventListener('input', () => this.showError(undefined));
    this.input.addEventListener('paste', (e) => {
      const files = [...(e.clipboardData?.files ?? [])].filter((f) => f.type.startsWith('image/'));
      if (files.length === 0) return;
      e.preventDefault();
      this.addImages(files);
    });
    this.el.addEventListener('dragover', (e) => {
      if (!e.dataTransfer?.types.includes('Files')) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
      this.el.classList.add('dragging');
    });
    this.el.addEventListener('dragleave', (e) => {
      if (!this.el.contains(e.relatedTarget as Node | null)) this.el.classList.remove('dragging');
    });
    this.el.addEventListener('drop', (e) => {
      this.el.classList.remove('dragging');
      const files = [...(e.dataTransfer?.files ?? [])];
      if (files.length === 0) return;
      e.preventDefault();
      this.addImages(files);
      this.input.focus();
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
    this.attachments.hidden = attachments.length === 0;
    this.attachments.replaceChildren(
      ...attachments.map((a) => {
        const remove = h('button', { type: 'button', class: 'chip-remove', 'aria-label': strings.composer.remove(a.label), title: strings.composer.remove(a.label) }, icon('close'));
        remove.addEventListener('click', () => postToHost({ type: 'removeAttachment', id: a.id }));
        return h('span', { class: 'chip' }, icon('code'), h('span', {}, a.label), remove);
      }),
    );
    this.updateChipsRegion();
  }

  setOptions(options: ComposerOptions): void {
    this.options.set(options);
  }

  showFileMatches(requestId: number, files: readonly FileMatch[]): void {
    this.picker.show(requestId, files);
  }

  /** The host did not take the last message: put the words and images back and say why. */
  sendRefused(reason: string): void {
    const last = this.lastSent;
    this.lastSent = undefined;
    if (last) {
      if (this.input.value.trim() === '') this.input.value = last.text;
      this.images.restore(last.images);
    }
    this.showError(reason);
    this.input.focus();
  }

  /** Shows (or with undefined, clears) a one-line problem above the box. */
  showError(message: string | undefined): void {
    this.error.hidden = !message;
    this.error.textContent = message ?? '';
  }

  focus(): void {
    this.input.focus();
  }

  private addImages(files: readonly File[]): void {
    this.showError(undefined);
    // Never a rejected chain: one failure must not block later images or sends.
    this.adding = this.adding.then(() => this.images.add(files)).catch(() => this.showError(strings.images.unreadable(files[0]?.name ?? '')));
  }

  private updateChipsRegion(): void {
    this.chips.hidden = this.attachments.hidden && this.images.count === 0;
  }

  private async submit(): Promise<void> {
    if (this.streaming) return;
    await this.adding;
    const text = this.input.value;
    if (!text.trim() && this.images.count === 0) return;
    const images = this.images.take();
    if (this.lastSent) ImageTray.release(this.lastSent.images);
    this.lastSent = { text, images };
    postToHost({ type: 'send', text, ...(images.length ? { images: images.map((i) => i.upload) } : {}) });
    if (text.trim() && this.sent.at(-1) !== text) this.sent.push(text);
    this.recallIndex = undefined;
    this.input.value = '';
    this.picker.close();
    this.showError(undefined);
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
