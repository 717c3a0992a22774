// The settings each part of the core takes, read row by row from the settings table through the editor port.
// Type-only imports: the editor bundle gets these readers without the engine modules they describe.
import type { ClaudeSettings } from '../claude/settings';
import type { CompactionSettings } from '../context/contextService';
import { readSetting, type SettingsPort } from './settingReader';

/** The client settings in effect (`apiBaseUrl` from the user's own settings only). */
export function readClaudeSettings(port: SettingsPort): ClaudeSettings {
  return {
    model: readSetting(port, 'model'),
    fallbackModels: readSetting(port, 'fallbackModels'),
    maxTokens: readSetting(port, 'maxTokens'),
    thinkingMode: readSetting(port, 'thinking.mode'),
    thinkingBudgetTokens: readSetting(port, 'thinking.budgetTokens'),
    effort: readSetting(port, 'effort'),
    stopSequences: readSetting(port, 'stopSequences'),
    systemPrompt: readSetting(port, 'systemPrompt'),
    apiBaseUrl: readSetting(port, 'apiBaseUrl'),
    requestTimeoutSeconds: readSetting(port, 'requestTimeoutSeconds'),
    maxRetries: readSetting(port, 'maxRetries'),
  };
}

export function readCompactionSettings(port: SettingsPort): CompactionSettings {
  return {
    threshold: readSetting(port, 'context.compactThreshold'),
    keepRecentMessages: readSetting(port, 'context.keepRecentMessages'),
    summaryModel: readSetting(port, 'context.summaryModel'),
  };
}
