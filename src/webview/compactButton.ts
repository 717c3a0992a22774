// The Compact button next to the context meter (also the "Compact Conversation" command), and a status
// line saying what it is doing or why nothing was summarized.
import type { CompactResult } from '../shared/protocol';
import { h, icon } from './dom';
import { strings } from './strings';
import { postToHost } from './vscodeApi';

export class CompactControl {
  readonly el: HTMLElement;
  private readonly button: HTMLButtonElement;
  private readonly status: HTMLElement;
  private busy = false;
  private compacting = false;

  constructor() {
    this.button = h(
      'button',
      { type: 'button', class: 'button secondary compact-button', 'aria-label': strings.compaction.buttonLabel, title: strings.compaction.buttonTitle },
      icon('fold'),
      ' ',
      strings.compaction.button,
    );
    this.button.addEventListener('click', () => {
      if (this.button.disabled) return;
      this.status.textContent = '';
      postToHost({ type: 'compact' });
    });
    this.status = h('span', { class: 'compact-status', role: 'status' });
    this.el = h('div', { class: 'compact-control', hidden: true }, this.button, this.status);
  }

  /** Offered once there is a conversation to compact. */
  setAvailable(available: boolean): void {
    this.el.hidden = !available;
    if (!available) this.status.textContent = '';
  }

  /** A turn streaming (or a compaction running) disables the button. */
  setStreaming(streaming: boolean): void {
    this.busy = streaming;
    this.refresh();
  }

  setCompacting(active: boolean, result?: CompactResult, detail?: string): void {
    this.compacting = active;
    this.refresh();
    this.status.textContent = active ? strings.compaction.running : result ? resultText(result, detail) : '';
  }

  private refresh(): void {
    this.button.disabled = this.busy || this.compacting;
  }
}

function resultText(result: CompactResult, detail: string | undefined): string {
  switch (result) {
    case 'summarized':
      return strings.compaction.summarized;
    case 'trimmed':
      return strings.compaction.trimmed;
    case 'nothing':
      return strings.compaction.nothing;
    case 'failed':
      return strings.compaction.failed(detail ?? '');
  }
}
