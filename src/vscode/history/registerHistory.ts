// Wires conversation history into the editor: the Show Conversation History and Export commands, the
// panel's history list messages, and the open conversation coming back after a reload.
import * as vscode from 'vscode';
import type { ChatSession } from '../../core/chat/chatSession';
import type { HistoryState } from '../../shared/protocol';
import type { Logger } from '../../core/log';
import type { ChatViewProvider } from '../chatViewProvider';
import type { ConversationHistory } from './conversationHistory';
import { exportTargetArgument } from '../testMode';
import { exportConversation } from './historyExport';

export interface HistoryServices {
  readonly history: ConversationHistory;
  readonly session: ChatSession;
  readonly view: ChatViewProvider;
  /** The mode VS Code runs the extension in: the Export command takes a target file only in Test mode. */
  readonly extensionMode: vscode.ExtensionMode;
  readonly log: Logger;
}

export function registerHistory({ history, session, view, extensionMode, log }: HistoryServices): vscode.Disposable[] {
  history.attach(session);
  /** A list asked for while the panel was not loaded: it goes out with the panel's first snapshot. */
  let pending: HistoryState | undefined;
  view.addSnapshotPart(() => {
    const state = pending;
    pending = undefined;
    return state ? { history: state } : {};
  });
  const post = (state: HistoryState): HistoryState => {
    if (!view.post({ type: 'history', history: state })) pending = state;
    return state;
  };
  const show = async (): Promise<HistoryState> => {
    const state = await history.state();
    await view.reveal();
    return post(state);
  };

  // Right after activation, off its path: the conversation this workspace had open comes back. The
  // panel's first snapshot waits for it, so it does not flash an empty chat first.
  const restoring = new Promise((resolve) => setTimeout(resolve, 0))
    .then(() => history.restoreOpen())
    .catch((error: unknown) => log.error('Restoring the open conversation failed', error));
  view.delaySnapshots(restoring);

  return [
    vscode.commands.registerCommand('claudeCompanion.showHistory', show),
    // Arguments for keybindings: a conversation id. Tests (ExtensionMode.Test only) may also give a target
    // file (Uri or path) to skip the save dialog; elsewhere the user always picks where it is written.
    vscode.commands.registerCommand('claudeCompanion.exportConversation', (id?: unknown, testTarget?: unknown) => {
      const target = exportTargetArgument(extensionMode, testTarget);
      return exportConversation(history, typeof id === 'string' ? id : undefined, target instanceof vscode.Uri ? target : typeof target === 'string' ? vscode.Uri.file(target) : undefined);
    }),
    view.on('historyOpen', async ({ id }) => {
      // The one already open: back to it (a snapshot closes the list).
      if (id === history.currentId) return view.sendSnapshot();
      // A conversation that cannot be opened was reported; the list shows what is left.
      if (!(await history.open(id))) post(await history.state());
      return undefined;
    }),
    view.on('historyDelete', async ({ id }) => {
      const deleted = await history.delete(id);
      const state = await history.state();
      if (!deleted?.wasOpen) return post(state);
      // The open conversation went: the panel gets the new empty chat with the list still open over it.
      pending = state;
      await view.sendSnapshot();
      return state;
    }),
    view.on('historyUndo', async ({ token }) => {
      await history.undoDelete(token);
      post(await history.state());
    }),
    view.on('historyRename', async ({ id, title }) => {
      await history.rename(id, title);
      post(await history.state());
    }),
    view.on('historyExport', ({ id }) => exportConversation(history, id)),
  ];
}
