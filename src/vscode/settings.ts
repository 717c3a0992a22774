// Reads `claudeCompanion.*` settings into the plain object the core layer takes.
import * as vscode from 'vscode';
import { DEFAULT_SETTINGS, type ClaudeSettings, type ThinkingMode } from '../core/claude/settings';
import { EFFORTS, type Effort } from '../core/models/modelInfo';
import { IgnoredSettingNotices, readUserScopeSettings, type UserScopeSetting, type UserScopeSettings } from '../core/settings/userScope';
import { userScopeKeysIn } from '../core/settings/workspaceSettingsScan';

export const CONFIG_SECTION = 'claudeCompanion';

const THINKING_MODES: readonly ThinkingMode[] = ['adaptive', 'enabled', 'off'];

export function readSettings(): ClaudeSettings {
  const config = vscode.workspace.getConfiguration(CONFIG_SECTION);
  const positive = (key: string, fallback: number) => {
    const value = config.get<number>(key, fallback);
    return Number.isFinite(value) && value > 0 ? value : fallback;
  };
  const strings = (key: string, fallback: readonly string[]) => {
    const value = config.get<unknown>(key, fallback);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim()) : fallback;
  };
  const thinkingMode = config.get<string>('thinking.mode', DEFAULT_SETTINGS.thinkingMode) as ThinkingMode;
  const effort = config.get<string>('effort', DEFAULT_SETTINGS.effort) as Effort | 'default';
  return {
    model: config.get<string>('model', DEFAULT_SETTINGS.model).trim() || DEFAULT_SETTINGS.model,
    fallbackModels: strings('fallbackModels', DEFAULT_SETTINGS.fallbackModels),
    maxTokens: Math.floor(positive('maxTokens', DEFAULT_SETTINGS.maxTokens)),
    thinkingMode: THINKING_MODES.includes(thinkingMode) ? thinkingMode : DEFAULT_SETTINGS.thinkingMode,
    thinkingBudgetTokens: Math.floor(positive('thinking.budgetTokens', DEFAULT_SETTINGS.thinkingBudgetTokens)),
    effort: effort === 'default' || EFFORTS.includes(effort) ? effort : DEFAULT_SETTINGS.effort,
    stopSequences: strings('stopSequences', DEFAULT_SETTINGS.stopSequences),
    systemPrompt: config.get<string>('systemPrompt', DEFAULT_SETTINGS.systemPrompt),
    apiBaseUrl: readUserScope().apiBaseUrl,
    requestTimeoutSeconds: positive('requestTimeoutSeconds', DEFAULT_SETTINGS.requestTimeoutSeconds),
    maxRetries: Math.max(0, Math.floor(config.get<number>('maxRetries', DEFAULT_SETTINGS.maxRetries))),
  };
}

export function logIncludesContent(): boolean {
  return readUserScope().logIncludeContent;
}

let notices: IgnoredSettingNotices | undefined;

/**
 * apiBaseUrl, agent.autoApprove.writes, tools.allowSecrets and log.includeContent, from user settings only
 * (a workspace value is ignored and reported once; see core/settings/userScope.ts).
 */
export function readUserScope(): UserScopeSettings {
  const config = vscode.workspace.getConfiguration(CONFIG_SECTION);
  return readUserScopeSettings(
    (key) => config.inspect(key),
    (key) => notices?.ignored(key),
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
