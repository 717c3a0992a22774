// Settings that decide where the API key goes or how much the agent may do without asking are honoured
// from the user only. A workspace (a cloned repository, or a file the agent was talked into writing) must
// not be able to set them, so the reader looks at the user value and our own default, nothing else.
// VS Code already drops workspace values of application/machine-scoped settings; this is the second line,
// for hosts that do not (or before the manifest's scopes are registered).

/** The parts of `WorkspaceConfiguration.inspect(key)` the policy looks at. */
export interface SettingInspection<T = unknown> {
  readonly defaultValue?: T;
  readonly globalValue?: T;
  readonly workspaceValue?: T;
  readonly workspaceFolderValue?: T;
  readonly defaultLanguageValue?: T;
  readonly globalLanguageValue?: T;
  readonly workspaceLanguageValue?: T;
  readonly workspaceFolderLanguageValue?: T;
}

/** Keys under `claudeCompanion.` that only user (application/machine) settings may set. */
export const USER_SCOPE_SETTINGS = ['apiBaseUrl', 'agent.autoApprove.writes', 'tools.allowSecrets', 'log.includeContent'] as const;
export type UserScopeSetting = (typeof USER_SCOPE_SETTINGS)[number];

export type Inspect = (key: UserScopeSetting) => SettingInspection | undefined;

export interface UserScopeSettings {
  readonly apiBaseUrl: string;
  readonly autoApproveWrites: boolean;
  readonly allowSecrets: boolean;
  readonly logIncludeContent: boolean;
}

/**
 * The safe defaults. Deliberately not the inspected `defaultValue`: another extension's
 * `configurationDefaults` could change that.
 */
export const USER_SCOPE_DEFAULTS: UserScopeSettings = { apiBaseUrl: '', autoApproveWrites: false, allowSecrets: false, logIncludeContent: false };

const isString = (v: unknown): v is string => typeof v === 'string';
const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';

/**
 * Reads the four settings: the user (global) value when it has the right type, else the safe default.
 * `onIgnored` hears of each setting whose workspace, folder or language value differs from what is used.
 */
export function readUserScopeSettings(inspect: Inspect, onIgnored?: (key: UserScopeSetting) => void): UserScopeSettings {
  const read = <T>(key: UserScopeSetting, fallback: T, valid: (v: unknown) => v is T): T => {
    const inspection = inspect(key);
    const user = inspection?.globalValue;
    const value = valid(user) ? user : fallback;
    if (onIgnored && workspaceValues(inspection).some((v) => v !== value)) onIgnored(key);
    return value;
  };
  return {
    apiBaseUrl: read('apiBaseUrl', USER_SCOPE_DEFAULTS.apiBaseUrl, isString),
    autoApproveWrites: read('agent.autoApprove.writes', USER_SCOPE_DEFAULTS.autoApproveWrites, isBoolean),
    allowSecrets: read('tools.allowSecrets', USER_SCOPE_DEFAULTS.allowSecrets, isBoolean),
    logIncludeContent: read('log.includeContent', USER_SCOPE_DEFAULTS.logIncludeContent, isBoolean),
  };
}

/** Every value a workspace could have contributed (language-specific ones included). */
function workspaceValues(inspection: SettingInspection | undefined): unknown[] {
  if (!inspection) return [];
  const { workspaceValue, workspaceFolderValue, workspaceLanguageValue, workspaceFolderLanguageValue } = inspection;
  return [workspaceValue, workspaceFolderValue, workspaceLanguageValue, workspaceFolderLanguageValue].filter((v) => v !== undefined);
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

/** The hard maximum of `agent.maxIterations` (package.json declares the same `maximum`). */
export const MAX_AGENT_ITERATIONS = 100;

/** `agent.maxIterations` as the loop uses it: a whole number from 1 to the maximum, else the default. */
export function agentIterations(value: unknown, fallback: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 1) return fallback;
  return Math.min(MAX_AGENT_ITERATIONS, Math.floor(value));
}
