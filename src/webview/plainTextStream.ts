// Long streaming plain text (thinking) in small block-level chunks: appending to a text node relayouts
// only its chunk, so a new chunk starts at a newline once the current one passes CHUNK_CHARS. Chunks
// are grouped in sections; a finished section skips layout and paint while off screen (CSS
// content-visibility), so the cost of an update stays the same at 100k tokens as at 1k without the
// browser having to track visibility of every small chunk.
import { h } from './dom';

const CHUNK_CHARS = 1024;
const SECTION_CHUNKS = 16;

export class PlainTextStream {
  readonly el: HTMLElement;
  private section: HTMLElement | undefined;
  private sectionChunks = 0;
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
    while (rest) {
      if (!this.node) this.startChunk();
      const node = this.node as Text;
      // The chunk ends at the first line break that makes it CHUNK_CHARS long, so it renders the same
      // as one long text; a large delta (a backlog) is spread over as many chunks as it needs.
      const nl = rest.indexOf('\n', Math.max(0, CHUNK_CHARS - this.length - 1));
      if (nl === -1) {
        node.appendData(rest);
        this.length += rest.length;
        return;
      }
      node.appendData(rest.slice(0, nl + 1));
      this.node = undefined;
      rest = rest.slice(nl + 1);
    }
  }

  /** Everything appended so far. */
  get value(): string {
    if (this.text.length > 1) this.text = [this.text.join('')];
    return this.text[0] ?? '';
  }

  private startChunk(): void {
    if (!this.section || this.sectionChunks >= SECTION_CHUNKS) {
      this.section = h('div', { class: 'plain-section' });
      this.sectionChunks = 0;
      this.el.append(this.section);
    }
    this.node = document.createTextNode('');
    this.length = 0;
    this.sectionChunks++;
    this.section.append(h('div', { class: 'plain-chunk' }, this.node));
  }
}
