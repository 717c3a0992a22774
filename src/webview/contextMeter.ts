// The context-window meter under the transcript: how much of the model's window the conversation
// fills, so a user sees a long chat nearing its limit before the API refuses it.
import type { ContextMeter } from '../shared/protocol';
import { h } from './dom';
import { formatTokens } from './format';
import { strings } from './strings';

/** From here the meter warns: the next long answer or tool result may not fit. */
const WARN_AT = 0.8;

export class ContextMeterView {
  readonly el: HTMLElement;
  private readonly fill: HTMLElement;
  private readonly label: HTMLElement;

  constructor() {
    this.fill = h('div', { class: 'context-fill' });
    this.label = h('span', { class: 'context-label', 'aria-hidden': 'true' });
    this.el = h(
      'div',
      { class: 'context-meter', role: 'meter', 'aria-label': strings.contextMeter.label, 'aria-valuemin': '0', hidden: true },
      h('div', { class: 'context-track', 'aria-hidden': 'true' }, this.fill),
      this.label,
    );
  }

  show(context: ContextMeter | undefined): void {
    this.el.hidden = !context || context.usedTokens === 0;
    if (!context || this.el.hidden) return;
    const ratio = Math.min(1, context.usedTokens / Math.max(1, context.windowTokens));
    // Below 1% a whole number would read "0%" for thousands of tokens.
    const percent = ratio < 0.01 ? (ratio * 100).toFixed(1) : String(Math.round(ratio * 100));
    const text = (context.estimated ? strings.contextMeter.usageEstimated : strings.contextMeter.usage)(formatTokens(context.usedTokens), formatTokens(context.windowTokens), percent);
    this.el.setAttribute('aria-valuemax', String(context.windowTokens));
    this.el.setAttribute('aria-valuenow', String(Math.min(context.usedTokens, context.windowTokens)));
    this.el.setAttribute('aria-valuetext', text);
    this.el.title = strings.contextMeter.title(text);
    this.el.classList.toggle('warn', ratio >= WARN_AT);
    this.fill.style.width = `${Math.max(ratio * 100, 0.5)}%`;
    this.label.textContent = strings.contextMeter.short(percent);
  }
}
