// The composer's model and thinking/effort controls on the host: what the selects offer (settings plus
// the model catalog) and the changes they make, to the same user settings "Claude: Select Model" uses.
import * as vscode from 'vscode';
import { BUILT_IN_MODELS, EFFORTS, type ModelInfo } from '../core/models/modelInfo';
import type { ModelSource } from '../core/claude/turnStreamer';
import type { ComposerOptions, Effort, ThinkingMode } from '../shared/protocol';
import type { ChatViewProvider } from './chatViewProvider';
import { SETTINGS, type SettingValue } from '../core/settings/settingsTable';
import { CONFIG_SECTION, onSettingsChanged, readSettings, updateUserSetting } from './settings';

const THINKING_MODES: readonly ThinkingMode[] = SETTINGS['thinking.mode'].enum;

/** The model list the select offers: the built-in table until the user opens the select, then the API's list. */
class ComposerModels {
  private models: readonly ModelInfo[] = BUILT_IN_MODELS;

  constructor(private readonly client: ModelSource) {}

  get list(): readonly ModelInfo[] {
    return this.models;
  }

  /** Takes the API's list (the client caches it); call only on a user's request, it loads the client. */
  async refresh(): Promise<boolean> {
    const { models } = await this.client.listModels();
    const changed = models.map((m) => m.id).join() !== this.models.map((m) => m.id).join() || models.some((m, i) => m !== this.models[i]);
    this.models = models;
    return changed;
  }
}

export function composerOptions(models: readonly ModelInfo[]): ComposerOptions {
  const settings = readSettings();
  const current = models.find((m) => m.id === settings.model);
  const choices = models.map((m) => ({ id: m.id, label: m.displayName, contextWindow: m.contextWindow }));
  // A model typed into settings by hand still shows as what it is.
  if (!current) choices.push({ id: settings.model, label: settings.model, contextWindow: 0 });
  return {
    model: settings.model,
    models: choices,
    thinking: settings.thinkingMode,
    effort: settings.effort,
    efforts: (current ?? BUILT_IN_MODELS.find((m) => m.id === settings.model))?.efforts ?? EFFORTS,
  };
}

/** Writes a user setting; says so when a workspace setting overrides it, so the select does not lie. */
async function updateSetting<K extends 'model' | 'thinking.mode' | 'effort'>(view: ChatViewProvider, key: K, value: SettingValue<K>): Promise<void> {
  const effective = await updateUserSetting(key, value);
  if (effective !== value) view.post({ type: 'composerError', message: vscode.l10n.t('{0} is set in this workspace\'s settings, which override your user setting; it stays {1}.', `${CONFIG_SECTION}.${key}`, String(effective)) });
}

export function registerComposerOptions(view: ChatViewProvider, client: ModelSource): vscode.Disposable[] {
  const models = new ComposerModels(client);
  const post = () => view.post({ type: 'options', options: composerOptions(models.list) });
  view.addSnapshotPart(() => ({ options: composerOptions(models.list) }));
  const refuse = (message: string) => {
    view.post({ type: 'composerError', message });
    post();
  };
  return [
    onSettingsChanged(post),
    // Asked for only when the user opens the select, so opening the panel sends no GET /v1/models.
    view.on('loadModels', async () => {
      if (await models.refresh().catch(() => false)) post();
    }),
    view.on('setModel', async ({ model }) => {
      await models.refresh().catch(() => false);
      if (!models.list.some((m) => m.id === model)) return refuse(`Unknown model "${model}". Pick one of: ${models.list.map((m) => m.id).join(', ')}.`);
      await updateSetting(view, 'model', model);
    }),
    view.on('setThinking', async ({ thinking }) => {
      if (!THINKING_MODES.includes(thinking)) return refuse(`Unknown thinking mode "${thinking}"; use adaptive, enabled or off.`);
      await updateSetting(view, 'thinking.mode', thinking);
    }),
    view.on('setEffort', async ({ effort }) => {
      if (effort !== 'default' && !EFFORTS.includes(effort as Effort)) return refuse(`Unknown effort "${effort}"; use default, ${EFFORTS.join(', ')}.`);
      await updateSetting(view, 'effort', effort);
    }),
  ];
}
