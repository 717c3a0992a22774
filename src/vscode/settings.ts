// Reads `claudeCompanion.*` settings into the plain object the core layer takes.
import * as vscode from 'vscode';
import { DEFAULT_SETTINGS, type ClaudeSettings } from '../core/claude/settings';

export const CONFIG_SECTION = 'claudeCompanion';

export function readSettings(): ClaudeSettings {
  const config = vscode.workspace.getConfiguration(CONFIG_SECTION);
  const positive = (key: string, fallback: number) => {
    const value = config.get<number>(key, fallback);
    return Number.isFinite(value) && value > 0 ? Math.floor(value) : fallback;
  };
  return {
    model: config.get<string>('model', DEFAULT_SETTINGS.model).trim() || DEFAULT_SETTINGS.model,
    maxTokens: positive('maxTokens', DEFAULT_SETTINGS.maxTokens),
    systemPrompt: config.get<string>('systemPrompt', DEFAULT_SETTINGS.systemPrompt),
    apiBaseUrl: config.get<string>('apiBaseUrl', DEFAULT_SETTINGS.apiBaseUrl),
    requestTimeoutSeconds: positive('requestTimeoutSeconds', DEFAULT_SETTINGS.requestTimeoutSeconds),
    maxRetries: Math.max(0, Math.floor(config.get<number>('maxRetries', DEFAULT_SETTINGS.maxRetries))),
  };
}

export function onSettingsChanged(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(CONFIG_SECTION)) listener();
  });
}
