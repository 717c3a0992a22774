// Every `claudeCompanion.*` setting, defined once: type, default, allowed values, scope, whether Restricted
// Mode ignores a workspace's value, and whether only the user's own value counts. package.json repeats this
// (the editor reads it there); test/unit/settingsTable.test.ts fails when the two disagree on any field.
// Readers (settingReader.ts) and the core's default constants are derived from this table.
// A leaf: no imports, plain data, so both bundles may carry a copy.

export const SETTINGS_SECTION = 'claudeCompanion';

/** package.json `scope`; a setting without one is `window`. */
export type SettingScope = 'application' | 'machine' | 'machine-overridable' | 'window' | 'resource' | 'language-overridable';

interface SettingBase {
  readonly scope: SettingScope;
  /** Listed in `capabilities.untrustedWorkspaces.restrictedConfigurations`: Restricted Mode ignores a workspace's value. */
  readonly restricted: boolean;
  /**
   * Read from the user's own value only, never a workspace's, and falls back to this table's default rather than
   * the inspected one (see userScope.ts). Such a setting is also application- or machine-scoped.
   */
  readonly userOnly?: true;
}

export interface StringSetting extends SettingBase {
  readonly type: 'string';
  readonly default: string;
  readonly enum?: readonly string[];
  /** The value is trimmed and a blank one means the default (model ids). */
  readonly blankMeansDefault?: true;
  readonly format?: 'uri';
  readonly editPresentation?: 'multilineText';
}

export interface BooleanSetting extends SettingBase {
  readonly type: 'boolean';
  readonly default: boolean;
}

/** Whole numbers are floored. Below `minimum` means the default; above `maximum` means the maximum. */
export interface NumberSetting extends SettingBase {
  readonly type: 'integer' | 'number';
  readonly default: number;
  readonly minimum?: number;
  readonly maximum?: number;
}

/** A list of strings; entries are trimmed and blank ones dropped. */
export interface StringListSetting extends SettingBase {
  readonly type: 'array';
  readonly items: { readonly type: 'string' };
  readonly default: readonly string[];
}

export type SettingDefinition = StringSetting | BooleanSetting | NumberSetting | StringListSetting;

export const SETTINGS = {
  model: { type: 'string', default: 'claude-sonnet-5-5', blankMeansDefault: true, scope: 'window', restricted: true },
  fallbackModels: { type: 'array', items: { type: 'string' }, default: ['claude-opus-5-5', 'claude-sonnet-5-5', 'claude-haiku-5-5'], scope: 'window', restricted: true },
  maxTokens: { type: 'integer', default: 16000, minimum: 1, maximum: 128000, scope: 'window', restricted: true },
  'thinking.mode': { type: 'string', enum: ['adaptive', 'enabled', 'off'], default: 'adaptive', scope: 'window', restricted: false },
  'thinking.budgetTokens': { type: 'integer', default: 8000, minimum: 1024, scope: 'window', restricted: false },
  effort: { type: 'string', enum: ['default', 'low', 'medium', 'high', 'xhigh', 'max'], default: 'default', scope: 'window', restricted: false },
  stopSequences: { type: 'array', items: { type: 'string' }, default: [], scope: 'window', restricted: false },
  apiBaseUrl: { type: 'string', default: '', format: 'uri', scope: 'machine', restricted: true, userOnly: true },
  systemPrompt: { type: 'string', default: '', editPresentation: 'multilineText', scope: 'window', restricted: true },
  // Per folder, like the `.claude/review.md` it stands in for.
  'review.systemPrompt': { type: 'string', default: '', editPresentation: 'multilineText', scope: 'resource', restricted: true },
  requestTimeoutSeconds: { type: 'integer', default: 120, minimum: 5, maximum: 3600, scope: 'window', restricted: false },
  maxRetries: { type: 'integer', default: 2, minimum: 0, maximum: 10, scope: 'window', restricted: false },
  'log.includeContent': { type: 'boolean', default: false, scope: 'machine', restricted: true, userOnly: true },
  'agent.maxIterations': { type: 'integer', default: 25, minimum: 1, maximum: 100, scope: 'window', restricted: true },
  // A cap by default: it stops a runaway loop before it costs much. 0 means no limit.
  'agent.maxCostPerTaskUsd': { type: 'number', default: 2, minimum: 0, scope: 'window', restricted: true },
  'agent.autoApprove.reads': { type: 'boolean', default: true, scope: 'window', restricted: false },
  'agent.autoApprove.writes': { type: 'boolean', default: false, scope: 'application', restricted: true, userOnly: true },
  'agent.commands.allow': { type: 'array', items: { type: 'string' }, default: [], scope: 'application', restricted: true, userOnly: true },
  'agent.commands.deny': { type: 'array', items: { type: 'string' }, default: [], scope: 'application', restricted: true, userOnly: true },
  'tools.exclude': { type: 'array', items: { type: 'string' }, default: [], scope: 'window', restricted: false },
  'tools.allowSecrets': { type: 'boolean', default: false, scope: 'application', restricted: true, userOnly: true },
  'chat.thinkingExpanded': { type: 'boolean', default: false, scope: 'window', restricted: false },
  'context.keepRecentMessages': { type: 'integer', default: 10, minimum: 2, scope: 'window', restricted: false },
  'context.compactThreshold': { type: 'number', default: 0.8, minimum: 0.1, maximum: 0.95, scope: 'window', restricted: false },
  'context.summaryModel': { type: 'string', default: 'claude-haiku-5-5', blankMeansDefault: true, scope: 'window', restricted: true },
} as const satisfies Record<string, SettingDefinition>;

export type SettingKey = keyof typeof SETTINGS;

/** The type a reader returns for a setting: the enum's members, string, boolean, number or a string list. */
export type SettingValue<K extends SettingKey> = (typeof SETTINGS)[K] extends { readonly enum: readonly (infer E)[] }
  ? E
  : (typeof SETTINGS)[K] extends { readonly type: 'string' }
    ? string
    : (typeof SETTINGS)[K] extends { readonly type: 'boolean' }
      ? boolean
      : (typeof SETTINGS)[K] extends { readonly type: 'integer' | 'number' }
        ? number
        : readonly string[];

/** The settings only the user may set (see SettingBase.userOnly). */
export type UserOnlySettingKey = { [K in SettingKey]: (typeof SETTINGS)[K] extends { readonly userOnly: true } ? K : never }[SettingKey];

export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];

export function settingDefinition(key: SettingKey): SettingDefinition {
  return SETTINGS[key];
}

/** A setting's default, typed. */
export function defaultOf<K extends SettingKey>(key: K): SettingValue<K> {
  return SETTINGS[key].default as SettingValue<K>;
}

export const USER_ONLY_SETTINGS = SETTING_KEYS.filter((key): key is UserOnlySettingKey => settingDefinition(key).userOnly === true);
