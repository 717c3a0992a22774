// Read-only virtual documents for the approval diff: the file as it is and as the model proposes it.
// URIs: claude-companion-proposal:/<display path>?id=<toolUseId>&side=before|after
import * as vscode from 'vscode';

export const PROPOSAL_SCHEME = 'claude-companion-proposal';

export class ProposalDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration: vscode.Disposable;

  constructor() {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(PROPOSAL_SCHEME, this);
  }

  /** Registers both sides and returns their URIs. */
  add(toolUseId: string, displayPath: string, before: string, after: string): { before: vscode.Uri; after: vscode.Uri } {
    const uri = (side: string) => vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: `/${displayPath}`, query: `id=${encodeURIComponent(toolUseId)}&side=${side}` });
    const b = uri('before');
    const a = uri('after');
    this.contents.set(b.toString(), before);
    this.contents.set(a.toString(), after);
    return { before: b, after: a };
  }

  remove(toolUseId: string): void {
    // By the parsed id, not a substring of the URI: a display path may contain `id=…&` itself.
    for (const key of [...this.contents.keys()]) if (proposalId(vscode.Uri.parse(key)) === toolUseId) this.contents.delete(key);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}

/** The tool_use id a proposal URI belongs to. */
export function proposalId(uri: vscode.Uri): string | undefined {
  if (uri.scheme !== PROPOSAL_SCHEME) return undefined;
  const match = /(?:^|&)id=([^&]+)/.exec(uri.query);
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return undefined;
  }
}
