// One reader for every setting, driven by its row in the settings table: a value of the wrong type, outside
// the enum or below the minimum is not used (the table's default is); above the maximum it is the maximum.
// A user-only setting is read from the user's value alone. The editor is behind a small port, so this
// stays pure and testable; src/vscode/settings.ts adapts `vscode.workspace.getConfiguration`.
import { SETTINGS, settingDefinition, type SettingDefinition, type SettingKey, type SettingValue, type UserOnlySettingKey } from './settingsTable';

/** The parts of `WorkspaceConfiguration.inspect(key)` the reader looks at. */
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

/** The editor's configuration, keys relative to `claudeCompanion.`. */
export interface SettingsPort {
  /** The value in effect (user, workspace, folder merged), or undefined. */
  get(key: SettingKey): unknown;
  inspect(key: SettingKey): SettingInspection | undefined;
  /** Hears of a user-only setting whose workspace, folder or language value differs from what is used. */
  ignored?(key: UserOnlySettingKey): void;
}

export function readSetting<K extends SettingKey>(port: SettingsPort, key: K): SettingValue<K> {
  const definition: SettingDefinition = settingDefinition(key);
  if (definition.userOnly !== true) return settingValue(definition, port.get(key)) as SettingValue<K>;
  const inspection = port.inspect(key);
  // The user's value, else our own default: not the inspected defaultValue, which another extension's
  // `configurationDefaults` could change.
  const value = settingValue(definition, inspection?.globalValue);
  if (port.ignored && workspaceValues(inspection).some((v) => v !== value)) port.ignored(key as UserOnlySettingKey);
  return value as SettingValue<K>;
}

/** `value` as the setting's definition allows it, else the definition's default. */
export function settingValue(definition: SettingDefinition, value: unknown): unknown {
  switch (definition.type) {
    case 'string': {
      if (typeof value !== 'string') return definition.default;
      if (definition.enum && !definition.enum.includes(value)) return definition.default;
      if (definition.blankMeansDefault) return value.trim() || definition.default;
      return value;
    }
    case 'boolean':
      return typeof value === 'boolean' ? value : definition.default;
    case 'integer':
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return definition.default;
      const n = definition.type === 'integer' ? Math.floor(value) : value;
      // Below the minimum (0 or negative, usually) is a mistake: the default is the safe reading (a cost cap
      // of -1 must not become "no limit"). Above the maximum asks for as much as allowed.
      if (definition.minimum !== undefined && n < definition.minimum) return definition.default;
      return definition.maximum !== undefined ? Math.min(definition.maximum, n) : n;
    }
    case 'array':
      if (!Array.isArray(value)) return definition.default;
      return value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim());
  }
}

/** Every value a workspace could have contributed (language-specific ones included). */
function workspaceValues(inspection: SettingInspection | undefined): unknown[] {
  if (!inspection) return [];
  const { workspaceValue, workspaceFolderValue, workspaceLanguageValue, workspaceFolderLanguageValue } = inspection;
  return [workspaceValue, workspaceFolderValue, workspaceLanguageValue, workspaceFolderLanguageValue].filter((v) => v !== undefined);
}

/** A port over plain values (tests, the bench): `values` as the effective settings, all of them the user's. */
export function settingsFrom(values: Partial<Record<SettingKey, unknown>>): SettingsPort {
  return {
    get: (key) => values[key],
    inspect: (key) => ({ defaultValue: SETTINGS[key].default, globalValue: values[key] }),
  };
}
