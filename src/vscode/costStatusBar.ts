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
    this.item.accessibilityInformation = { label: vscode.l10n.t('Claude conversation cost {0}', cost) };
    const n = (v: number) => v.toLocaleString('en-US');
    this.item.tooltip = totals
      ? new vscode.MarkdownString(
          [
            totals.requests === 1 ? vscode.l10n.t('**Claude: this conversation** (1 request)') : vscode.l10n.t('**Claude: this conversation** ({0} requests)', n(totals.requests)),
            '',
            `| | ${vscode.l10n.t('tokens')} |`,
            `|---|---:|`,
            `| ${vscode.l10n.t('input')} | ${n(totals.inputTokens)} |`,
            `| ${vscode.l10n.t('cache read')} | ${n(totals.cacheReadTokens)} |`,
            `| ${vscode.l10n.t('cache write')} | ${n(totals.cacheWriteTokens)} |`,
            `| ${vscode.l10n.t('output')} | ${n(totals.outputTokens)} |`,
            `| ${vscode.l10n.t('of which thinking')} | ${n(totals.thinkingTokens)} |`,
            '',
            totals.costComplete
              ? vscode.l10n.t('Cost: **{0}**. Click for the request log.', cost)
              : vscode.l10n.t('Cost: **{0}** (at least: a model without a known price was used). Click for the request log.', cost),
          ].join('\n'),
        )
      : vscode.l10n.t('Claude: no requests in this conversation yet');
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
