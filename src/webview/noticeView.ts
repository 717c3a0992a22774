// In-turn notices: a live countdown while the SDK waits to retry, and a lasting line when another model
// answered. Both are role="status" so screen readers hear them without stealing focus.
import type { TurnNotice } from '../shared/protocol';
import { h, icon } from './dom';
import { strings } from './strings';

export class NoticeView {
  readonly el: HTMLElement;
  private readonly retryLine: HTMLElement;
  private readonly fallbackLine: HTMLElement;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor() {
    this.retryLine = h('div', { class: 'notice retry', role: 'status', hidden: true });
    this.fallbackLine = h('div', { class: 'notice fallback', role: 'status', hidden: true });
    this.el = h('div', { class: 'notices' }, this.fallbackLine, this.retryLine);
  }

  show(notice: TurnNotice): void {
    if (notice.kind === 'fallback') {
      this.clearRetry();
      this.showFallback(notice.from, notice.to, notice.reason);
      return;
    }
    this.clearRetry();
    // Counted from receipt: the host's clock may be another machine's (remote, code-server).
    const deadline = performance.now() + notice.delayMs;
    const s = strings.notices;
    const why = notice.status === 429 ? s.rateLimited : notice.status === 529 ? s.overloaded(notice.model) : s.apiFailed(notice.status);
    const { attempt, maxRetries } = notice;
    // The live region is announced once (the spoken sentence); the ticking seconds are visual only.
    const countdown = h('span', { 'aria-hidden': 'true' });
    const render = () => {
      const seconds = Math.max(0, Math.ceil((deadline - performance.now()) / 1000));
      countdown.textContent = seconds === 0 ? s.retryingNow(why, attempt, maxRetries) : (notice.serverSaid ? s.retryingIn : s.retryingInAbout)(why, seconds, attempt, maxRetries);
      if (seconds === 0) this.stopTimer();
    };
    render();
    const spoken = h('span', { class: 'visually-hidden' }, (notice.serverSaid ? s.retryingInSpoken : s.retryingInAboutSpoken)(why, Math.ceil(notice.delayMs / 1000), attempt, maxRetries));
    this.retryLine.replaceChildren(icon('sync'), ' ', countdown, spoken);
    this.retryLine.hidden = false;
    this.timer = setInterval(render, 250);
  }

  showFallback(from: string, to: string | undefined, reason: string): void {
    this.fallbackLine.hidden = false;
    this.fallbackLine.replaceChildren(icon('arrow-swap'), ' ', to ? strings.notices.answeredBy(to, reason) : strings.notices.switchedFrom(from, reason));
  }

  /** Content arrived or the turn ended: the wait is over. */
  clearRetry(): void {
    this.stopTimer();
    this.retryLine.hidden = true;
  }

  private stopTimer(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}
