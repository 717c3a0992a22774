// Approval of writes: opens VS Code's diff of the proposed change and waits for Approve or Reject, from
// the chat's tool card or from the diff editor's title bar. Stop (abort) counts as a rejection.
import { TextDecoder } from 'node:util';
import * as vscode from 'vscode';
import type { ApprovalDecision, ApprovalPort, ProposedWrite } from '../../core/tools/toolTypes';
import { PROPOSAL_SCHEME, ProposalDocuments, proposalId } from './proposalDocuments';

interface Pending {
  /** Absent for a read that needs confirmation (no diff to show). */
  readonly write?: ProposedWrite;
  readonly uris?: { before: vscode.Uri; after: vscode.Uri };
  readonly resolve: (decision: ApprovalDecision) => void;
}

const PENDING_CONTEXT = 'claudeCompanion.approvalPending';

export class WriteApprovals implements ApprovalPort, vscode.Disposable {
  private readonly pending = new Map<string, Pending>();
  private readonly documents = new ProposalDocuments();

  async requestApproval(write: ProposedWrite, signal: AbortSignal): Promise<ApprovalDecision> {
    if (signal.aborted) return { approved: false, reason: 'the task was stopped' };
    const before = write.before ? new TextDecoder('utf-8').decode(write.before) : '';
    const uris = this.documents.add(write.toolUseId, write.displayPath, before, write.after);
    const decision = new Promise<ApprovalDecision>((resolve) => {
      this.pending.set(write.toolUseId, { write, uris, resolve });
      signal.addEventListener('abort', () => this.decide(write.toolUseId, false, 'the task was stopped'), { once: true });
    });
    void this.updateContext();
    await this.showDiff(write.toolUseId);
    return decision;
  }

  /** A read the user wants to allow one by one (agent.autoApprove.reads off): decided from the tool card. */
  confirmRead(toolUseId: string, signal: AbortSignal): Promise<boolean> {
    if (signal.aborted) return Promise.resolve(false);
    const decision = new Promise<ApprovalDecision>((resolve) => {
      this.pending.set(toolUseId, { resolve });
      signal.addEventListener('abort', () => this.decide(toolUseId, false, 'the task was stopped'), { once: true });
    });
    void this.updateContext();
    return decision.then((d) => d.approved);
  }

  /** Settles a pending approval; returns false when there is none (already decided or unknown). */
  decide(toolUseId: string, approved: boolean, reason?: string): boolean {
    const p = this.pending.get(toolUseId);
    if (!p) return false;
    this.pending.delete(toolUseId);
    p.resolve(approved ? { approved: true } : reason ? { approved: false, reason } : { approved: false });
    if (p.uris) void this.closeDiff(p.uris);
    this.documents.remove(toolUseId);
    void this.updateContext();
    return true;
  }

  /** From the diff editor's title bar: decides for the proposal shown in the active editor. */
  decideActive(approved: boolean): boolean {
    const id = this.activeProposalId() ?? [...this.pending.keys()].at(-1);
    return id !== undefined && this.decide(id, approved);
  }

  isPending(toolUseId: string): boolean {
    return this.pending.has(toolUseId);
  }

  pendingIds(): string[] {
    return [...this.pending.keys()];
  }

  async showDiff(toolUseId: string): Promise<boolean> {
    const p = this.pending.get(toolUseId);
    if (!p?.write || !p.uris) return false;
    const verb = p.write.before ? 'Proposed change' : 'Proposed new file';
    await vscode.commands.executeCommand('vscode.diff', p.uris.before, p.uris.after, `${verb}: ${p.write.displayPath} (Claude)`, { preview: false, preserveFocus: true });
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
    return vscode.commands.executeCommand('setContext', PENDING_CONTEXT, this.pending.size > 0);
  }

  dispose(): void {
    for (const id of [...this.pending.keys()]) this.decide(id, false, 'the editor is closing');
    this.documents.dispose();
  }
}

export { PROPOSAL_SCHEME };
