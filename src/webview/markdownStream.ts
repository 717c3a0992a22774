// Incremental markdown for one streaming text (pure, no DOM): text goes in, and each update says which
// finished blocks to render (once) and what the open tail now is. Only the tail is parsed again; an open
// fenced code block is not parsed at all until it closes, its new code is handed out as plain text.
import { md, parseBlocks, type MarkdownEnv, type Token } from './markdownParser';
import { FenceScanner, splitTail } from './markdownSplit';

export type OpenTail =
  /** Open blocks to render in place of the previous tail. */
  | { readonly kind: 'blocks'; readonly tokens: readonly Token[] }
  /** An open code fence: show `code` as plain code; later updates append to it. */
  | { readonly kind: 'fence'; readonly info: string; readonly code: string };

export interface StreamUpdate {
  /** Finished top-level blocks, to render once and keep. */
  readonly finished: readonly Token[];
  /** The new open tail; absent when the tail is an open fence that only grew (see `fenceCode`). */
  readonly tail?: OpenTail;
  /** Code to append to the open fence. */
  readonly fenceCode?: string;
}

type References = Record<string, unknown>;

export class MarkdownStream {
  /** Text not yet in finished blocks. */
  private tail = '';
  private fence: FenceScanner | undefined;
  /** Link reference definitions from finished text, for links that come later. */
  private references: References = {};

  push(text: string): void {
    this.tail += text;
  }

  /** Characters waiting in the open tail (what the next update parses). */
  get tailLength(): number {
    return this.tail.length;
  }

  /** What changed since the last update; with `final` (the stream ended) everything is finished. */
  update(final: boolean): StreamUpdate {
    if (this.fence) {
      const { code, closedAt } = this.fence.advance(this.tail);
      if (closedAt === undefined && !final) return { finished: [], fenceCode: code };
      // The fence closed: parse it once more, now as a finished block.
      this.fence = undefined;
    }
    // A copy, so a definition still being typed ("[d]: htt") is not remembered half-written.
    const tokens = parseBlocks(this.tail, { references: { ...this.references } });
    const split = splitTail(tokens, this.tail, final);
    const done = this.tail.slice(0, split.charEnd);
    if (done.includes(']:')) this.references = collectReferences(done, this.references);
    this.tail = this.tail.slice(split.charEnd);
    const finished = tokens.slice(0, split.tokenEnd);
    if (split.openFence) {
      this.fence = new FenceScanner(split.openFence.marker, split.openFence.contentStart - split.charEnd);
      return { finished, tail: { kind: 'fence', info: split.openFence.info, code: this.fence.advance(this.tail).code } };
    }
    return { finished, tail: { kind: 'blocks', tokens: tokens.slice(split.tokenEnd) } };
  }
}

function collectReferences(text: string, known: References): References {
  const env: MarkdownEnv = { references: { ...known } };
  md.parse(text, env);
  return env['references'] as References;
}
