// The one adapter between the settings table (src/core/settings) and `vscode.workspace.getConfiguration`:
// every `claudeCompanion.*` read and write goes through here, by a key the table knows.
import * as vscode from 'vscode';
import type { ClaudeSettings } from '../core/claude/settings';
import { readClaudeSettings } from '../core/settings/readers';
import { readSetting as readTableSetting, type SettingsPort } from '../core/settings/settingReader';
import { SETTINGS_SECTION, type SettingKey, type SettingValue } from '../core/settings/settingsTable';
import { IgnoredSettingNotices, readUserScopeSettings, type UserScopeSetting, type UserScopeSettings } from '../core/settings/userScope';
import { userScopeKeysIn } from '../core/settings/workspaceSettingsScan';

export const CONFIG_SECTION = SETTINGS_SECTION;

/** Hears of ignored workspace values of user-only settings while registerUserScopeNotices is active. */
let notices: IgnoredSettingNotices | undefined;

/** The editor's configuration as the table's readers take it; `scope` picks a folder for resource-scoped settings. */
export function settingsPort(scope?: vscode.Uri): SettingsPort {
  const config = vscode.workspace.getConfiguration(CONFIG_SECTION, scope);
  return {
    get: (key) => config.get<unknown>(key),
    inspect: (key) => config.inspect<unknown>(key),
    ignored: (key) => notices?.ignored(key),
  };
}

/** One setting, typed and checked against its row in the table. */
export function readSetting<K extends SettingKey>(key: K, scope?: vscode.Uri): SettingValue<K> {
  return readTableSetting(settingsPort(scope), key);
}

/** Writes a user setting; returns the value then in effect (a workspace value may still override it). */
export async function updateUserSetting<K extends SettingKey>(key: K, value: SettingValue<K>): Promise<unknown> {
  await vscode.workspace.getConfiguration(CONFIG_SECTION).update(key, value, vscode.ConfigurationTarget.Global);
  return settingsPort().get(key);
}

export function readSettings(): ClaudeSettings {
  return readClaudeSettings(settingsPort());
}

export function logIncludesContent(): boolean {
  return readUserScope().logIncludeContent;
}

/**
 * apiBaseUrl, agent.autoApprove.writes, tools.allowSecrets and log.includeContent, from user settings only
 * (a workspace value is ignored and reported once; see core/settings/userScope.ts).
 */
export function readUserScope(): UserScopeSettings {
  const port = settingsPort();
  return readUserScopeSettings(
    (key) => port.inspect(key),
    (key) => port.ignored?.(key),
  );
}

/**
 * Shows the "ignored workspace setting" notice, at most once per setting per workspace (`state`), and
 * keeps it in the log (`log`), where it stays after the notification is gone.
 */
export function registerUserScopeNotices(state: vscode.Memento, log?: (message: string) => void): vscode.Disposable {
  const current = new IgnoredSettingNotices(state, (key) => showIgnoredNotice(key, log));
  notices = current;
  // The editor drops workspace values of these (application/machine-scoped) settings before inspect()
  // sees them, so the workspace's settings files are looked at too: on opening (a cloned repository) and
  // whenever one changes (the agent may write one).
  const scan = () => void scanWorkspaceSettingsFiles().then((keys) => keys.forEach((key) => current.ignored(key)));
  const watcher = vscode.workspace.createFileSystemWatcher('**/{.vscode/settings.json,*.code-workspace}');
  const disposables = [
    watcher,
    watcher.onDidCreate(scan),
    watcher.onDidChange(scan),
    vscode.workspace.onDidChangeWorkspaceFolders(scan),
    onSettingsChanged(() => void readUserScope()),
  ];
  readUserScope();
  scan();
  return new vscode.Disposable(() => {
    for (const d of disposables) d.dispose();
    if (notices === current) notices = undefined;
  });
}

/** The user-only settings that the workspace's own settings files try to set. */
async function scanWorkspaceSettingsFiles(): Promise<UserScopeSetting[]> {
  const files = (vscode.workspace.workspaceFolders ?? []).map((folder) => vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json'));
  const workspaceFile = vscode.workspace.workspaceFile;
  if (workspaceFile?.scheme === 'file') files.push(workspaceFile);
  const found: UserScopeSetting[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
    } catch {
      continue; // no such file: nothing to report
    }
    found.push(...userScopeKeysIn(text));
  }
  return found;
}

function showIgnoredNotice(key: UserScopeSetting, log: ((message: string) => void) | undefined): void {
  const open = vscode.l10n.t('Open User Settings');
  const setting = `${CONFIG_SECTION}.${key}`;
  const message = vscode.l10n.t(
    'Claude: this workspace sets {0}, which is ignored. Where your API key goes and what Claude may do without asking are read from your user settings only. To use this value, set it in your user settings.',
    setting,
  );
  log?.(message);
  void vscode.window
    .showWarningMessage(message, open)
    .then((choice) => {
      if (choice === open) void vscode.commands.executeCommand('workbench.action.openGlobalSettings', { query: setting });
    });
}

export function onSettingsChanged(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(CONFIG_SECTION)) listener();
  });
}
