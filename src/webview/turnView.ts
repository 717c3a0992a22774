// One turn in the transcript. Streaming text goes into a text node (cheap appends); a block is parsed
// as Markdown once, when it is finished.
import type { BlockSnapshot, ErrorInfo, TurnNotice, TurnSnapshot, TurnStatus, UsageSnapshot } from '../shared/protocol';
import { errorAlert } from './alerts';
import { h } from './dom';
import { usageLine } from './format';
import { renderMarkdown } from './markdown';
import { NoticeView } from './noticeView';

class BlockView {
  readonly el: HTMLElement;
  private readonly content: HTMLElement;
  private readonly textNode = document.createTextNode('');
  private summary: HTMLElement | undefined;
  private done = false;

  constructor(private readonly block: BlockSnapshot) {
    this.content = h('div', { class: 'block-content streaming' });
    this.content.append(this.textNode);
    if (block.kind === 'thinking' || block.kind === 'redacted_thinking') {
      this.summary = h('summary', {}, 'Thinking…');
      this.el = h('details', { class: 'thinking', open: true }, this.summary, this.content);
    } else if (block.kind === 'tool_use') {
      this.el = h('div', { class: 'tool', 'aria-label': `Tool: ${block.toolName ?? 'tool'}` }, h('div', { class: 'tool-name' }, block.toolName ?? 'tool'), this.content);
    } else {
      this.el = h('div', { class: 'block text' }, this.content);
    }
    if (block.text) this.append(block.text);
    if (block.done) this.finish();
  }

  append(text: string): void {
    this.textNode.appendData(text);
  }

  finish(): void {
    if (this.done) return;
    this.done = true;
    this.content.classList.remove('streaming');
    if (this.block.kind === 'text' || this.block.kind === 'thinking') {
      const source = this.textNode.data;
      this.content.replaceChildren(renderMarkdown(source));
    }
    if (this.summary && this.el instanceof HTMLDetailsElement) {
      this.summary.textContent = this.block.kind === 'redacted_thinking' ? 'Thought (redacted)' : 'Thought';
      this.el.open = false;
    }
  }
}

export class TurnView {
  readonly el: HTMLElement;
  private readonly body: HTMLElement;
  private readonly footer: HTMLElement;
  private readonly blocks: BlockView[] = [];
  private readonly notices = new NoticeView();

  constructor(readonly turn: TurnSnapshot) {
    this.body = h('div', { class: 'turn-body' });
    this.footer = h('div', { class: 'turn-meta' });
    const label = turn.role === 'assistant' ? 'Claude' : 'You';
    this.el = h('article', { class: `turn ${turn.role}`, 'aria-label': label }, h('div', { class: 'turn-author', 'aria-hidden': 'true' }, label), this.notices.el, this.body, this.footer);
    if (turn.fallback) this.notices.showFallback(turn.fallback.from, turn.model, turn.fallback.reason);
    if (turn.role === 'user') {
      // User text is shown as typed, not as Markdown.
      this.body.append(h('div', { class: 'block user-text' }, turn.blocks.map((b) => b.text).join('')));
    } else {
      turn.blocks.forEach((b, i) => this.startBlock(i, b));
    }
    this.setStatus(turn.status, turn.model, turn.usage, turn.error);
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

  stopBlock(index: number): void {
    this.blocks[index]?.finish();
  }

  setStatus(status: TurnStatus, model?: string, usage?: UsageSnapshot, error?: ErrorInfo): void {
    this.el.setAttribute('aria-busy', String(status === 'streaming'));
    this.el.dataset['status'] = status;
    if (status !== 'streaming') {
      for (const b of this.blocks) b?.finish();
      this.notices.clearRetry();
    }
    if (this.turn.role !== 'assistant') return;
    this.el.setAttribute('aria-label', model ? `Claude (${model})` : 'Claude');
    const parts: string[] = [];
    if (model) parts.push(model);
    if (usage) parts.push(usageLine(usage));
    if (status === 'stopped') parts.push('stopped');
    this.footer.textContent = parts.join(' · ');
    if (error) this.el.append(errorAlert(error));
  }
}
