// A text block that streams as markdown (see markdownStream.ts): finished top-level blocks are rendered
// once and appended; only the open tail is rendered again, so the cost per update is bounded by the
// tail, not by the message. An open code fence grows by plain text appends until it closes.
import { h } from './dom';
import { renderFinishedTokens, renderOpenTokens } from './markdown';
import { MarkdownStream } from './markdownStream';

export class StreamingMarkdown {
  readonly el: HTMLElement;
  private readonly stream = new MarkdownStream();
  private readonly tailEl: HTMLElement;
  /** The code of the open fence shown in the tail, while there is one. */
  private fenceCode: Text | undefined;
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
    if (update.finished.length) this.el.insertBefore(renderFinishedTokens(update.finished), this.tailEl);
    if (update.fenceCode) this.fenceCode?.appendData(update.fenceCode);
    const tail = update.tail;
    if (!tail) return;
    this.fenceCode = undefined;
    if (tail.kind === 'blocks') {
      this.tailEl.replaceChildren(tail.tokens.length ? renderOpenTokens(tail.tokens) : '');
      return;
    }
    this.fenceCode = document.createTextNode(tail.code);
    const language = tail.info.trim().split(/\s+/)[0] ?? '';
    this.tailEl.replaceChildren(h('pre', { class: 'code-block streaming', ...(language ? { 'data-lang': language } : {}) }, h('code', {}, this.fenceCode)));
  }
}
