// Opens links clicked in the chat: web links through vscode.env.openExternal (the editor asks before
// opening an untrusted domain), anything else is refused with a message.
import * as vscode from 'vscode';
import { decideLink } from '../core/codeBlocks/linkPolicy';
import type { ChatViewProvider } from './chatViewProvider';

export async function openChatLink(href: string): Promise<void> {
  const decision = decideLink(href);
  if (!decision.open) {
    void vscode.window.showWarningMessage(decision.message);
    return;
  }
  await vscode.env.openExternal(vscode.Uri.parse(decision.url, true));
}

export function registerLinkOpener(view: ChatViewProvider): vscode.Disposable {
  return view.on('openLink', (message) => openChatLink(message.href));
}
