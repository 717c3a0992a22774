// A text block that streams as markdown (see markdownStream.ts): finished top-level blocks are rendered
// once and appended; only the open tail is rendered again, so the cost per update is bounded by the
// tail, not by the message. An open code fence grows by plain text appends until it closes, and so
// does an open paragraph of plain prose (the common case), until markup appears in it.
import { h } from './dom';
import { renderFinishedTokens, renderOpenTokens } from './markdown';
import { plainParagraphText, type Token } from './markdownParser';
import { MarkdownStream } from './markdownStream';

export class StreamingMarkdown {
  readonly el: HTMLElement;
  private readonly stream = new MarkdownStream();
  private readonly tailEl: HTMLElement;
  /** The code of the open fence shown in the tail, while there is one. */
  private fenceCode: Text | undefined;
  /** The tail's paragraph while it is plain text: its text node and what it shows. */
  private plainTail: { text: Text; value: string } | undefined;
  private scheduled = false;
  private finished = false;

  constructor() {
    this.tailEl = h('div', { class: 'markdown-tail' });
    this.el = h('div', { class: 'markdown' }, this.tailEl);
  }

  /**
   * Adds streamed text. Rendering waits for the end of the current task, so all the deltas applied in
   * one animation frame cost one render.
   */
  append(text: string): void {
    if (this.finished || !text) return;
    this.stream.push(text);
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => this.flush());
  }

  /** Renders what has arrived, now. */
  flush(): void {
    if (!this.scheduled) return;
    this.scheduled = false;
    this.render(false);
  }

  /** The stream ended: everything left is finished. */
  finish(): void {
    if (this.finished) return;
    this.scheduled = false;
    this.render(true);
    this.finished = true;
    this.tailEl.remove();
  }

  private render(final: boolean): void {
    const update = this.stream.update(final);
    if (update.finished.length) this.el.insertBefore(this.finishedBlocks(update.finished), this.tailEl);
    if (update.fenceCode) this.fenceCode?.appendData(update.fenceCode);
    const tail = update.tail;
    if (!tail) return;
    this.fenceCode = undefined;
    if (tail.kind === 'blocks') {
      const plain = plainParagraphText(tail.tokens);
      if (plain !== undefined) return this.showPlainTail(plain);
      this.plainTail = undefined;
      this.tailEl.replaceChildren(tail.tokens.length ? renderOpenTokens(tail.tokens) : '');
      return;
    }
    this.plainTail = undefined;
    this.fenceCode = document.createTextNode(tail.code);
    const language = tail.info.trim().split(/\s+/)[0] ?? '';
    this.tailEl.replaceChildren(h('pre', { class: 'code-block streaming', ...(language ? { 'data-lang': language } : {}) }, h('code', {}, this.fenceCode)));
  }

  /**
   * Finished blocks, rendered once. A plain paragraph that the tail already shows (or the start of it)
   * is kept and completed: rendering and sanitizing plain text would build the same paragraph again.
   */
  private finishedBlocks(tokens: readonly Token[]): Node {
    const shown = this.plainTail;
    const plain = shown ? plainParagraphText(tokens) : undefined;
    const paragraph = shown?.text.parentNode;
    if (shown && paragraph && plain?.startsWith(shown.value)) {
      if (plain.length > shown.value.length) shown.text.appendData(plain.slice(shown.value.length));
      this.plainTail = undefined;
      return paragraph;
    }
    return renderFinishedTokens(tokens);
  }

  /** Plain prose needs no markdown rendering or sanitizing: a text node, grown by appending while it can be. */
  private showPlainTail(value: string): void {
    const shown = this.plainTail;
    if (shown && value.startsWith(shown.value)) {
      if (value.length > shown.value.length) shown.text.appendData(value.slice(shown.value.length));
      shown.value = value;
      return;
    }
    const text = document.createTextNode(value);
    this.tailEl.replaceChildren(h('p', {}, text));
    this.plainTail = { text, value };
  }
}
