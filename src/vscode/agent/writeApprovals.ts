// Approval of writes: opens VS Code's diff of the proposed change and waits for Approve or Reject, from
// the chat's tool card or from the diff editor's title bar. Stop (abort) counts as a rejection. Which
// approvals count is the pure ApprovalRequests' business: only pending ones, once, from where they show.
import { TextDecoder } from 'node:util';
import * as vscode from 'vscode';
import { ApprovalRequests, activeDecision } from '../../core/tools/approvalRequests';
import type { ApprovalDecision, ApprovalPort, ProposedWrite } from '../../core/tools/toolTypes';
import { PROPOSAL_SCHEME, ProposalDocuments, proposalId } from './proposalDocuments';

interface Shown {
  readonly write: ProposedWrite;
  readonly uris: { before: vscode.Uri; after: vscode.Uri };
}

export interface RequestOptions {
  /** False for a proposal with no tool card in the chat panel (a code block's Apply to File). */
  readonly panel?: boolean;
}

const PENDING_CONTEXT = 'claudeCompanion.approvalPending';

export class WriteApprovals implements ApprovalPort, vscode.Disposable {
  private readonly requests = new ApprovalRequests();
  private readonly shown = new Map<string, Shown>();
  private readonly documents = new ProposalDocuments();

  async requestApproval(write: ProposedWrite, signal: AbortSignal, options: RequestOptions = {}): Promise<ApprovalDecision> {
    // l10n-exempt: a declined write's reason goes to the model in the tool result
    if (signal.aborted) return { approved: false, reason: 'the task was stopped' };
    const decision = this.requests.open(write.toolUseId, { panel: options.panel ?? true, hasDiff: true });
    // An id asked about before: a repeated or late "approve" must not land on this new proposal.
    // l10n-exempt: goes to the model in the tool result
    if (!decision) return { approved: false, reason: 'this change reused the id of an earlier one, so it was not shown; ask again' };
    const before = write.before ? new TextDecoder('utf-8').decode(write.before) : '';
    this.shown.set(write.toolUseId, { write, uris: this.documents.add(write.toolUseId, write.displayPath, before, write.after) });
    signal.addEventListener('abort', () => this.decide(write.toolUseId, false, 'the task was stopped'), { once: true });
    void this.updateContext();
    await this.showDiff(write.toolUseId);
    return decision;
  }

  /** A read the user wants to allow one by one (agent.autoApprove.reads off): decided from the tool card. */
  confirmRead(toolUseId: string, signal: AbortSignal): Promise<boolean> {
    if (signal.aborted) return Promise.resolve(false);
    const decision = this.requests.open(toolUseId, { panel: true, hasDiff: false });
    if (!decision) return Promise.resolve(false);
    signal.addEventListener('abort', () => this.decide(toolUseId, false, 'the task was stopped'), { once: true });
    void this.updateContext();
    return decision.then((d) => d.approved);
  }

  /** Settles a pending approval from the host (Stop, tests); false when there is none (already decided or unknown). */
  decide(toolUseId: string, approved: boolean, reason?: string): boolean {
    return this.settle(toolUseId, approved, 'host', reason);
  }

  /** From a tool card in the chat panel: only a proposal the panel shows, and only once. */
  decideFromPanel(toolUseId: string, approved: boolean): boolean {
    return this.settle(toolUseId, approved, 'panel');
  }

  /**
   * From the diff editor's title bar (or the palette): decides for the proposal shown in the active editor.
   * With no proposal in front it decides nothing: it shows the latest proposal's diff so the user sees it.
   */
  decideActive(approved: boolean): boolean {
    const next = activeDecision(this.activeProposalId(), this.requests);
    if (next.kind === 'decide') return this.settle(next.id, approved, 'editor');
    if (next.kind === 'show') {
      void this.showDiff(next.id, false);
      void vscode.window.showInformationMessage(vscode.l10n.t('Nothing was approved or rejected: review the proposed change in the diff that just opened, then choose Approve or Reject in its title bar or on the tool card.'));
    } else {
      void vscode.window.showInformationMessage(vscode.l10n.t('No proposed change is waiting for approval.'));
    }
    return false;
  }

  isPending(toolUseId: string): boolean {
    return this.requests.has(toolUseId);
  }

  pendingIds(): string[] {
    return this.requests.ids();
  }

  async showDiff(toolUseId: string, preserveFocus = true): Promise<boolean> {
    const p = this.shown.get(toolUseId);
    if (!p || !this.requests.has(toolUseId)) return false;
    const verb = p.write.before ? vscode.l10n.t('Proposed change') : vscode.l10n.t('Proposed new file');
    const title = p.write.protectedReason ? vscode.l10n.t('{0}: {1} (Claude, protected file)', verb, p.write.displayPath) : `${verb}: ${p.write.displayPath} (Claude)`;
    await vscode.commands.executeCommand('vscode.diff', p.uris.before, p.uris.after, title, { preview: false, preserveFocus });
    return true;
  }

  private settle(toolUseId: string, approved: boolean, by: 'panel' | 'editor' | 'host', reason?: string): boolean {
    if (!this.requests.decide(toolUseId, approved, by, reason)) return false;
    const shown = this.shown.get(toolUseId);
    this.shown.delete(toolUseId);
    if (shown) void this.closeDiff(shown.uris);
    this.documents.remove(toolUseId);
    void this.updateContext();
    return true;
  }

  private activeProposalId(): string | undefined {
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    const input = tab?.input;
    if (input instanceof vscode.TabInputTextDiff) return proposalId(input.modified) ?? proposalId(input.original);
    const editorUri = vscode.window.activeTextEditor?.document.uri;
    return editorUri ? proposalId(editorUri) : undefined;
  }

  private async closeDiff(uris: { before: vscode.Uri; after: vscode.Uri }): Promise<void> {
    const tabs = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === uris.after.toString());
    if (tabs.length) await vscode.window.tabGroups.close(tabs, true);
  }

  private updateContext(): Thenable<unknown> {
    return vscode.commands.executeCommand('setContext', PENDING_CONTEXT, this.requests.ids().length > 0);
  }

  dispose(): void {
    for (const id of this.requests.ids()) this.decide(id, false, 'the editor is closing');
    this.documents.dispose();
  }
}

export { PROPOSAL_SCHEME };
