// A tool call in the transcript: name, a short form of the input, live status, Approve/Reject while it
// waits for the user, a link to the diff, and the result on demand.
import type { ToolState, ToolStatus } from '../shared/protocol';
import { h, icon } from './dom';
import { strings } from './strings';
import './toolCard.css';
import { postToHost } from './vscodeApi';

const STATUS_ICON: Record<ToolStatus, string> = {
  pending: 'loading',
  running: 'loading',
  awaiting_approval: 'question',
  done: 'check',
  failed: 'error',
  declined: 'circle-slash',
  refused: 'shield',
};

/** "src/a.ts" for {path: 'src/a.ts'}; the most telling string field otherwise. */
export function shortInput(json: string): string {
  try {
    const input = JSON.parse(json) as Record<string, unknown>;
    for (const key of ['path', 'query', 'pattern']) if (typeof input[key] === 'string') return input[key] as string;
    const first = Object.values(input).find((v) => typeof v === 'string');
    return typeof first === 'string' ? first.slice(0, 80) : '';
  } catch {
    return '';
  }
}

export class ToolCard {
  readonly el: HTMLElement;
  private readonly inputLabel: HTMLElement;
  private readonly statusLabel: HTMLElement;
  private readonly summary: HTMLElement;
  /** Why a protected file asks; shown only while Approve/Reject wait. */
  private readonly protectedNote: HTMLElement;
  private readonly actions: HTMLElement;
  private readonly result: HTMLDetailsElement;
  private readonly resultText: HTMLElement;
  private rawInput = '';
  private toolUseId: string | undefined;

  constructor(name: string) {
    this.inputLabel = h('span', { class: 'tool-input' });
    this.statusLabel = h('span', { class: 'tool-status' });
    this.summary = h('div', { class: 'tool-summary', hidden: true });
    this.protectedNote = h('div', { class: 'tool-protected', hidden: true });
    this.actions = h('div', { class: 'tool-actions', hidden: true });
    this.resultText = h('pre', { class: 'tool-result-text' });
    this.result = h('details', { class: 'tool-result', hidden: true }, h('summary', {}, strings.tools.result), this.resultText);
    this.el = h(
      'div',
      { class: 'tool', role: 'group', 'aria-label': strings.tools.label(name) },
      h('div', { class: 'tool-head' }, icon('tools'), h('span', { class: 'tool-name' }, name), this.inputLabel, this.statusLabel),
      this.summary,
      this.protectedNote,
      this.actions,
      this.result,
    );
    this.setStatus('pending');
  }

  /** Streamed input JSON (partial until the block stops). */
  appendInput(text: string): void {
    this.rawInput += text;
  }

  inputDone(): void {
    this.inputLabel.textContent = shortInput(this.rawInput);
  }

  update(tool: ToolState): void {
    this.toolUseId = tool.toolUseId;
    this.setStatus(tool.status);
    this.summary.hidden = !tool.summary;
    this.summary.replaceChildren(...withInlineCode(tool.summary ?? ''));
    if (tool.result !== undefined) {
      this.result.hidden = false;
      this.resultText.textContent = tool.result;
    }
    this.renderProtected(tool);
    this.renderActions(tool);
  }

  private renderProtected(tool: ToolState): void {
    const reason = tool.status === 'awaiting_approval' ? tool.protectedReason : undefined;
    this.protectedNote.hidden = !reason;
    this.protectedNote.replaceChildren(...(reason ? [icon('shield'), ' ', strings.tools.protectedFile(reason)] : []));
  }

  private setStatus(status: ToolStatus): void {
    this.el.dataset['status'] = status;
    this.statusLabel.replaceChildren(icon(STATUS_ICON[status]), ' ', strings.tools.status[status]);
  }

  private renderActions(tool: ToolState): void {
    const id = this.toolUseId;
    const buttons: HTMLElement[] = [];
    if (tool.status === 'awaiting_approval' && id) {
      buttons.push(this.button(strings.tools.approve, 'primary', () => postToHost({ type: 'approval', toolUseId: id, approved: true })));
      buttons.push(this.button(strings.tools.reject, 'secondary', () => postToHost({ type: 'approval', toolUseId: id, approved: false })));
    }
    if (tool.hasDiff && tool.status === 'awaiting_approval' && id) buttons.push(this.button(strings.tools.showDiff, 'link', () => postToHost({ type: 'openDiff', toolUseId: id })));
    this.actions.replaceChildren(...buttons);
    // No focus grab: the user may be typing (peers' diff prompts stealing focus is a known complaint).
    this.actions.hidden = buttons.length === 0;
  }

  private button(label: string, style: 'primary' | 'secondary' | 'link', onClick: () => void): HTMLButtonElement {
    const b = h('button', { type: 'button', class: `button ${style}` }, label);
    b.addEventListener('click', () => {
      for (const other of this.actions.querySelectorAll('button')) (other as HTMLButtonElement).disabled = style !== 'link';
      onClick();
    });
    return b;
  }
}

/** `code` spans in a one-line summary (written for the model in Markdown) as <code>, the rest as text. */
function withInlineCode(text: string): (Node | string)[] {
  return text.split(/(`[^`]+`)/).filter(Boolean).map((part) => (part.startsWith('`') && part.endsWith('`') && part.length > 2 ? h('code', {}, part.slice(1, -1)) : part));
}
