// A thinking block: a <details> whose summary reads "Thinking… 12s · ~1.4k tokens" while it streams
// (refreshed a few times a second, hidden from screen readers so the live log does not announce every
// tick) and "Thought for 12s · ~1.4k tokens" when done. The text streams as plain text and becomes
// markdown when it ends, or, if the block is collapsed then, the first time it is opened.
import { h } from './dom';
import { renderMarkdown } from './markdown';
import { PlainTextStream } from './plainTextStream';
import { CHARS_PER_TOKEN } from '../shared/tokenEstimate';
import { viewPreferences } from './preferences';
import { strings } from './strings';

const TICK_MS = 500;

/** "1.4k" for 1,400, "820" below a thousand. */
export function approxTokens(chars: number): string {
  const tokens = Math.round(chars / CHARS_PER_TOKEN);
  if (tokens < 1000) return String(tokens);
  return tokens < 100_000 ? `${(tokens / 1000).toFixed(1)}k` : `${Math.round(tokens / 1000)}k`;
}

export class ThinkingView {
  readonly el: HTMLDetailsElement;
  private readonly label: HTMLElement;
  private readonly meta: HTMLElement;
  private readonly content: HTMLElement;
  private readonly text = new PlainTextStream();
  private readonly started = Date.now();
  private timer: ReturnType<typeof setInterval> | undefined;
  private done = false;
  private ticked = false;

  constructor(private readonly redacted: boolean, streaming: boolean) {
    this.label = h('span', { class: 'thinking-label' }, streaming ? strings.thinking : redacted ? strings.thoughtRedacted : strings.thought);
    this.meta = h('span', { class: 'thinking-meta', 'aria-hidden': 'true' });
    this.content = h('div', { class: 'block-content thinking-text markdown' }, this.text.el);
    this.el = h('details', { class: 'thinking', open: streaming }, h('summary', {}, this.label, this.meta), this.content);
    if (streaming && !redacted) this.startTimer();
  }

  append(text: string): void {
    if (this.done) return;
    this.text.append(text);
    if (this.timer === undefined && !this.redacted) this.startTimer();
  }

  /** `live` is false for a block that arrived already finished (a snapshot): its duration is unknown. */
  finish(live: boolean): void {
    if (this.done) return;
    this.done = true;
    this.stopTimer();
    const seconds = this.seconds();
    this.label.textContent = this.redacted ? strings.thoughtRedacted : strings.thought;
    // "Thought for 12s · ~1.4k tokens" live; "Thought · ~1.4k tokens" from a snapshot (duration unknown).
    const tokens = this.text.chars > 0 ? ` · ${strings.approxTokens(approxTokens(this.text.chars))}` : '';
    this.meta.textContent = this.redacted ? '' : live ? ` ${strings.thoughtFor(seconds)}${tokens}` : tokens;
    // Once done, the summary is stable, so screen readers may read it.
    this.meta.removeAttribute('aria-hidden');
    const expanded = viewPreferences().thinkingExpanded;
    this.el.open = expanded;
    if (this.redacted || this.text.chars === 0) return;
    if (expanded) {
      this.toMarkdown();
      return;
    }
    // Closing fires a toggle event too (asynchronously, so it reaches this listener): render only on open.
    // Rendering 100k tokens of thinking as markdown is a long task nobody asked for while it stays shut.
    const onToggle = () => {
      if (!this.el.open) return;
      this.el.removeEventListener('toggle', onToggle);
      this.toMarkdown();
    };
    this.el.addEventListener('toggle', onToggle);
  }

  private toMarkdown(): void {
    this.content.replaceChildren(renderMarkdown(this.text.value));
  }

  private seconds(): number {
    return Math.max(0, Math.round((Date.now() - this.started) / 1000));
  }

  private startTimer(): void {
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.tick();
  }

  private stopTimer(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private tick(): void {
    // A view dropped from the transcript (new chat, fresh snapshot) stops ticking; more text restarts it.
    if (!this.el.isConnected && this.timer !== undefined && this.ticked) return this.stopTimer();
    this.ticked = true;
    this.meta.textContent = ` ${strings.thinkingMeta(this.seconds(), approxTokens(this.text.chars))}`;
  }
}
