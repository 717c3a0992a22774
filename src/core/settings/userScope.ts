// Settings that decide where the API key goes or how much the agent may do without asking are honoured
// from the user only. A workspace (a cloned repository, or a file the agent was talked into writing) must
// not be able to set them, so the reader looks at the user value and our own default, nothing else.
// VS Code already drops workspace values of application/machine-scoped settings; this is the second line,
// for hosts that do not (or before the manifest's scopes are registered). Which settings these are is the
// settings table's `userOnly` column; settingReader.ts reads them.
import { readSetting, settingValue, type SettingInspection, type SettingsPort } from './settingReader';
import { defaultOf, SETTINGS, USER_ONLY_SETTINGS, type UserOnlySettingKey } from './settingsTable';

export type { SettingInspection } from './settingReader';

/** Keys under `claudeCompanion.` that only user (application/machine) settings may set: the table's `userOnly` column. */
export const USER_SCOPE_SETTINGS: readonly UserOnlySettingKey[] = USER_ONLY_SETTINGS;
export type UserScopeSetting = UserOnlySettingKey;

export type Inspect = (key: UserScopeSetting) => SettingInspection | undefined;

export interface UserScopeSettings {
  readonly apiBaseUrl: string;
  readonly autoApproveWrites: boolean;
  readonly allowSecrets: boolean;
  readonly logIncludeContent: boolean;
}

/**
 * The safe defaults (the table's). Deliberately not the inspected `defaultValue`: another extension's
 * `configurationDefaults` could change that.
 */
export const USER_SCOPE_DEFAULTS: UserScopeSettings = {
  apiBaseUrl: defaultOf('apiBaseUrl'),
  autoApproveWrites: defaultOf('agent.autoApprove.writes'),
  allowSecrets: defaultOf('tools.allowSecrets'),
  logIncludeContent: defaultOf('log.includeContent'),
};

/**
 * Reads the four settings: the user (global) value when it has the right type, else the safe default.
 * `onIgnored` hears of each setting whose workspace, folder or language value differs from what is used.
 */
export function readUserScopeSettings(inspect: Inspect, onIgnored?: (key: UserScopeSetting) => void): UserScopeSettings {
  const port: SettingsPort = {
    get: () => undefined,
    inspect: (key) => inspect(key as UserScopeSetting),
    ...(onIgnored ? { ignored: onIgnored } : {}),
  };
  return {
    apiBaseUrl: readSetting(port, 'apiBaseUrl'),
    autoApproveWrites: readSetting(port, 'agent.autoApprove.writes'),
    allowSecrets: readSetting(port, 'tools.allowSecrets'),
    logIncludeContent: readSetting(port, 'log.includeContent'),
  };
}

/** Workspace state (a `vscode.Memento`), so a notice shown once stays shown for this workspace. */
export interface NoticeMemory {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void> | void;
}

const NOTICE_KEY = 'claudeCompanion.ignoredWorkspaceSettingNotice.';

/** Tells the user about an ignored workspace value at most once per setting per workspace. */
export class IgnoredSettingNotices {
  private readonly shown = new Set<UserScopeSetting>();

  constructor(
    private readonly memory: NoticeMemory,
    private readonly show: (key: UserScopeSetting) => void,
  ) {}

  ignored(key: UserScopeSetting): void {
    if (this.shown.has(key) || this.memory.get(NOTICE_KEY + key) === true) return;
    this.shown.add(key);
    void this.memory.update(NOTICE_KEY + key, true);
    this.show(key);
  }
}

/** The hard maximum of `agent.maxIterations` (the table's `maximum`). */
export const MAX_AGENT_ITERATIONS: number = SETTINGS['agent.maxIterations'].maximum;

/** `agent.maxIterations` as the loop uses it: a whole number from 1 to the maximum, else `fallback`. */
export function agentIterations(value: unknown, fallback: number): number {
  return settingValue({ ...SETTINGS['agent.maxIterations'], default: fallback }, value) as number;
}
