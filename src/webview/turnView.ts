// One turn in the transcript: its blocks (blockView.ts), notices, usage line and end-of-turn actions.
import type { BlockSnapshot, EndNotice, ErrorInfo, ToolState, TurnNotice, TurnSnapshot, TurnStatus, UsageSnapshot } from '../shared/protocol';
import { endNotice, errorAlert } from './alerts';
import { BlockView } from './blockView';
import { h } from './dom';
import { usageLine } from './format';
import { NoticeView } from './noticeView';
import { strings } from './strings';
import { revertGate } from './revertGate';
import { postToHost } from './vscodeApi';

export class TurnView {
  readonly el: HTMLElement;
  private readonly body: HTMLElement;
  private readonly footer: HTMLElement;
  private readonly blocks: BlockView[] = [];
  private readonly notices = new NoticeView();
  private revertButton: HTMLButtonElement | undefined;
  private revertNote: HTMLElement | undefined;

  constructor(readonly turn: TurnSnapshot) {
    this.body = h('div', { class: 'turn-body' });
    this.footer = h('div', { class: 'turn-meta' });
    const label = turn.role === 'assistant' ? strings.turn.assistant : strings.turn.user;
    this.el = h('article', { class: `turn ${turn.role}`, 'aria-label': label }, h('div', { class: 'turn-author', 'aria-hidden': 'true' }, label), this.notices.el, this.body, this.footer);
    if (turn.fallback) this.notices.showFallback(turn.fallback.from, turn.model, turn.fallback.reason);
    if (turn.role === 'user') {
      // User text is shown as typed, not as Markdown.
      this.body.append(h('div', { class: 'block user-text' }, turn.blocks.map((b) => b.text).join('')));
    } else {
      turn.blocks.forEach((b, i) => this.startBlock(i, b));
    }
    this.setStatus(turn.status, turn.model, turn.usage, turn.error, { ...(turn.endNotice ? { notice: turn.endNotice } : {}), ...(turn.canRevert ? { canRevert: true } : {}) });
  }

  notice(notice: TurnNotice): void {
    this.notices.show(notice);
  }

  startBlock(index: number, block: BlockSnapshot): void {
    this.notices.clearRetry();
    const view = new BlockView(block);
    this.blocks[index] = view;
    this.body.append(view.el);
  }

  append(index: number, text: string): void {
    this.blocks[index]?.append(text);
  }

  /** Renders appended text now (it is otherwise rendered once at the end of the current task). */
  flush(): void {
    for (const b of this.blocks) b?.flush();
  }

  stopBlock(index: number): void {
    this.blocks[index]?.finish();
  }

  updateTool(index: number, tool: ToolState): void {
    this.blocks[index]?.updateTool(tool);
  }

  /** After "Revert this turn": the button becomes a note of what was restored. */
  reverted(summary: string): void {
    this.revertButton?.replaceWith(h('div', { class: 'reverted', role: 'status' }, strings.turn.reverted(summary)));
    this.revertButton = undefined;
    this.revertNote?.remove();
    revertGate.remove(this.turn.id);
  }

  /** The host reverted nothing (Cancel in its dialog, or a turn was running): the button comes back. */
  revertDeclined(reason: 'cancelled' | 'busy'): void {
    if (reason !== 'busy' || !this.revertButton) return;
    this.revertNote ??= h('div', { class: 'revert-note', role: 'status' });
    this.revertNote.textContent = strings.turn.revertBusy;
    this.revertButton.after(this.revertNote);
  }

  private showEnd(notice: EndNotice | undefined, canRevert: boolean | undefined): void {
    if (notice) this.el.append(endNotice(notice));
    if (canRevert && !this.revertButton) {
      const button = h('button', { type: 'button', class: 'button secondary revert' }, strings.turn.revert);
      button.addEventListener('click', () => {
        // Disabled until the host answers (turnReverted or revertDeclined), and while a turn runs.
        revertGate.requested(this.turn.id);
        this.revertNote?.remove();
        postToHost({ type: 'revertTurn', turnId: this.turn.id });
      });
      this.revertButton = button;
      revertGate.add(this.turn.id, button);
      this.el.append(button);
    }
  }

  setStatus(status: TurnStatus, model?: string, usage?: UsageSnapshot, error?: ErrorInfo, end?: { notice?: EndNotice; canRevert?: boolean }): void {
    this.el.setAttribute('aria-busy', String(status === 'streaming'));
    this.el.dataset['status'] = status;
    if (status !== 'streaming') {
      for (const b of this.blocks) b?.finish();
      this.notices.clearRetry();
    }
    if (this.turn.role !== 'assistant') return;
    this.el.setAttribute('aria-label', model ? strings.turn.assistantWithModel(model) : strings.turn.assistant);
    const parts: string[] = [];
    if (model) parts.push(model);
    if (usage) parts.push(usageLine(usage));
    if (status === 'stopped') parts.push(strings.turn.stopped);
    this.footer.textContent = parts.join(' · ');
    if (error) this.el.append(errorAlert(error));
    if (end) this.showEnd(end.notice, end.canRevert);
  }
}
