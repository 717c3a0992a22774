// The Compact button next to the context meter (also the "Compact Conversation" command), and a status
// line saying what it is doing or why nothing was summarized.
import type { CompactResult } from '../shared/protocol';
import { h, icon } from './dom';
import { strings } from './strings';
import { postToHost } from './vscodeApi';

export class CompactControl {
  /** The button (placed by the meter). */
  readonly el: HTMLButtonElement;
  /** The status line (placed on its own line under the meter). */
  readonly status: HTMLElement;
  private readonly button: HTMLButtonElement;
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
    this.button.hidden = true;
    this.status = h('div', { class: 'compact-status', role: 'status' });
    this.el = this.button;
  }

  /** Offered once there is a conversation to compact. */
  setAvailable(available: boolean): void {
    this.button.hidden = !available;
    if (!available) this.status.textContent = '';
  }

  /** A turn streaming (or a compaction running) disables the button. */
  setStreaming(streaming: boolean): void {
    this.busy = streaming;
    // The last result is old news once something new runs.
    if (streaming && !this.compacting) this.status.textContent = '';
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
