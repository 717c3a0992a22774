// Long streaming plain text (thinking) in block-level chunks: appending to a text node relayouts only
// its chunk, so a new chunk starts at a newline once the current one passes CHUNK_CHARS.
import { h } from './dom';

const CHUNK_CHARS = 4096;

export class PlainTextStream {
  readonly el: HTMLElement;
  private node: Text | undefined;
  private length = 0;
  private text: string[] = [];
  /** Characters appended so far. */
  chars = 0;

  constructor() {
    this.el = h('div', { class: 'plain-stream' });
  }

  append(text: string): void {
    if (!text) return;
    this.text.push(text);
    this.chars += text.length;
    let rest = text;
    if (this.node && this.length >= CHUNK_CHARS) {
      const nl = rest.indexOf('\n');
      if (nl !== -1) {
        this.node.appendData(rest.slice(0, nl + 1));
        rest = rest.slice(nl + 1);
        this.node = undefined;
      }
    }
    if (!rest) return;
    if (!this.node) {
      this.node = document.createTextNode('');
      this.length = 0;
      this.el.append(h('div', { class: 'plain-chunk' }, this.node));
    }
    this.node.appendData(rest);
    this.length += rest.length;
  }

  /** Everything appended so far. */
  get value(): string {
    if (this.text.length > 1) this.text = [this.text.join('')];
    return this.text[0] ?? '';
  }
}
