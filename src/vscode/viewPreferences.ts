// Panel preferences from settings (`claudeCompanion.chat.*`): sent in every snapshot and again when
// they change.
import * as vscode from 'vscode';
import type { ViewPreferences } from '../shared/protocol';
import type { ChatViewProvider } from './chatViewProvider';
import { CONFIG_SECTION, readSetting } from './settings';

export function readViewPreferences(): ViewPreferences {
  return { thinkingExpanded: readSetting('chat.thinkingExpanded') };
}

export function registerViewPreferences(view: ChatViewProvider): vscode.Disposable {
  view.addSnapshotPart(() => ({ preferences: readViewPreferences() }));
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(`${CONFIG_SECTION}.chat`)) view.post({ type: 'preferences', preferences: readViewPreferences() });
  });
}
