// Status bar item with the open conversation's cost; the tooltip breaks it down.
import * as vscode from 'vscode';
import { formatUsd } from '../core/usage/pricing';
import type { UsageSnapshot } from '../shared/protocol';

export class CostStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;

  constructor() {
    this.item = vscode.window.createStatusBarItem('claudeCompanion.cost', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'Claude Conversation Cost';
    this.item.command = 'claudeCompanion.showLog';
    this.update(undefined);
  }

  update(totals: UsageSnapshot | undefined): void {
    const cost = totals ? formatUsd(totals.costUsd) + (totals.costComplete ? '' : '+') : formatUsd(0);
    this.item.text = `$(sparkle) ${cost}`;
    // Without this, screen readers read the Markdown tooltip source as the name.
    this.item.accessibilityInformation = { label: `Claude conversation cost ${cost}` };
    const n = (v: number) => v.toLocaleString('en-US');
    this.item.tooltip = totals
      ? new vscode.MarkdownString(
          [
            `**Claude: this conversation** (${n(totals.requests)} request${totals.requests === 1 ? '' : 's'})`,
            '',
            `| | tokens |`,
            `|---|---:|`,
            `| input | ${n(totals.inputTokens)} |`,
            `| cache read | ${n(totals.cacheReadTokens)} |`,
            `| cache write | ${n(totals.cacheWriteTokens)} |`,
            `| output | ${n(totals.outputTokens)} |`,
            `| of which thinking | ${n(totals.thinkingTokens)} |`,
            '',
            `Cost: **${cost}**${totals.costComplete ? '' : ' (at least: a model without a known price was used)'}. Click for the request log.`,
          ].join('\n'),
        )
      : 'Claude: no requests in this conversation yet';
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
