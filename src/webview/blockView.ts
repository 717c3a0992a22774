// One content block of an assistant turn: text (streaming markdown), thinking, or a tool call.
import type { BlockSnapshot, ToolState } from '../shared/protocol';
import { h } from './dom';
import { StreamingMarkdown } from './streamingMarkdown';
import { strings } from './strings';
import { ThinkingView } from './thinkingView';
import { ToolCard } from './toolCard';

export class BlockView {
  readonly el: HTMLElement;
  private readonly markdown: StreamingMarkdown | undefined;
  private readonly thinking: ThinkingView | undefined;
  private readonly card: ToolCard | undefined;
  private done = false;

  constructor(block: BlockSnapshot) {
    if (block.kind === 'thinking' || block.kind === 'redacted_thinking') {
      this.thinking = new ThinkingView(block.kind === 'redacted_thinking', !block.done);
      this.el = this.thinking.el;
    } else if (block.kind === 'tool_use') {
      this.card = new ToolCard(block.toolName ?? strings.tools.unnamed);
      this.el = this.card.el;
    } else {
      this.markdown = new StreamingMarkdown();
      this.el = h('div', { class: 'block text block-content' }, this.markdown.el);
    }
    if (block.text) this.append(block.text);
    if (block.done) this.finish(false);
    if (block.tool) this.card?.update(block.tool);
  }

  append(text: string): void {
    if (this.card) this.card.appendInput(text);
    else if (this.thinking) this.thinking.append(text);
    else this.markdown?.append(text);
  }

  /** Renders text applied so far now rather than at the end of the task. */
  flush(): void {
    this.markdown?.flush();
  }

  updateTool(tool: ToolState): void {
    this.card?.update(tool);
  }

  /** `live` is false when the block arrived finished (snapshot) rather than streaming here. */
  finish(live = true): void {
    if (this.done) return;
    this.done = true;
    this.card?.inputDone();
    this.thinking?.finish(live);
    this.markdown?.finish();
  }
}
