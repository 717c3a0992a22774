// Reads `claudeCompanion.*` settings into the plain object the core layer takes.
import * as vscode from 'vscode';
import { DEFAULT_SETTINGS, type ClaudeSettings, type ThinkingMode } from '../core/claude/settings';
import { EFFORTS, type Effort } from '../core/models/modelInfo';

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
    apiBaseUrl: config.get<string>('apiBaseUrl', DEFAULT_SETTINGS.apiBaseUrl),
    requestTimeoutSeconds: positive('requestTimeoutSeconds', DEFAULT_SETTINGS.requestTimeoutSeconds),
    maxRetries: Math.max(0, Math.floor(config.get<number>('maxRetries', DEFAULT_SETTINGS.maxRetries))),
  };
}

export function logIncludesContent(): boolean {
  return vscode.workspace.getConfiguration(CONFIG_SECTION).get<boolean>('log.includeContent', false);
}

export function onSettingsChanged(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(CONFIG_SECTION)) listener();
  });
}
