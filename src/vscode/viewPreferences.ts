// Panel preferences from settings (`claudeCompanion.chat.*`): sent in every snapshot and again when
// they change.
import * as vscode from 'vscode';
import type { ViewPreferences } from '../shared/protocol';
import type { ChatViewProvider } from './chatViewProvider';
import { CONFIG_SECTION } from './settings';

export function readViewPreferences(): ViewPreferences {
  return { thinkingExpanded: vscode.workspace.getConfiguration(CONFIG_SECTION).get<boolean>('chat.thinkingExpanded', false) === true };
}

export function registerViewPreferences(view: ChatViewProvider): vscode.Disposable {
  view.addSnapshotPart(() => ({ preferences: readViewPreferences() }));
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(`${CONFIG_SECTION}.chat`)) view.post({ type: 'preferences', preferences: readViewPreferences() });
  });
}
