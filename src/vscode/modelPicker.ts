// "Claude: Select Model": a quick pick over the models the key can use (or the built-in list).
import * as vscode from 'vscode';
import type { ModelInfo } from '../core/models/modelInfo';
import type { ModelSource } from '../core/claude/turnStreamer';
import { costOf, formatUsd } from '../core/usage/pricing';
import { readSetting, updateUserSetting } from './settings';

interface ModelItem extends vscode.QuickPickItem {
  readonly model?: ModelInfo;
}

const tokens = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : `${Math.round(n / 1000)}K`);

function priceLine(model: ModelInfo): string {
  const perMillion = (input: number, output: number) => costOf(model.id, { inputTokens: input, outputTokens: output, cacheReadTokens: 0, cacheWriteTokens: 0 });
  const inCost = perMillion(1_000_000, 0);
  const outCost = perMillion(0, 1_000_000);
  return inCost && outCost ? vscode.l10n.t('{0} / {1} per million tokens in / out', formatUsd(inCost.total), formatUsd(outCost.total)) : vscode.l10n.t('price unknown');
}

export async function pickModel(source: ModelSource): Promise<string | undefined> {
  const current = readSetting('model');
  const picker = vscode.window.createQuickPick<ModelItem>();
  picker.title = vscode.l10n.t('Claude: Select Model');
  picker.placeholder = vscode.l10n.t('Loading models…');
  picker.busy = true;
  picker.show();
  try {
    const list = await source.listModels();
    const items: ModelItem[] = [];
    if (list.fallbackReason) items.push({ label: vscode.l10n.t('Built-in list: the model list could not be loaded'), kind: vscode.QuickPickItemKind.Separator });
    for (const model of list.models) {
      items.push({
        label: `${model.id === current ? '$(check) ' : ''}${model.displayName}`,
        description: model.id,
        detail: vscode.l10n.t('{0} context · {1} max output · {2}', tokens(model.contextWindow), tokens(model.maxOutputTokens), priceLine(model)),
        model,
      });
    }
    picker.items = items;
    picker.activeItems = items.filter((i) => i.model?.id === current);
    picker.placeholder = list.fallbackReason ? vscode.l10n.t('Pick a model (could not ask the API: {0})', list.fallbackReason) : vscode.l10n.t('Pick the model for new requests');
    picker.busy = false;
    const chosen = await new Promise<ModelInfo | undefined>((resolve) => {
      picker.onDidAccept(() => resolve(picker.selectedItems[0]?.model));
      picker.onDidHide(() => resolve(undefined));
    });
    if (!chosen) return undefined;
    await updateUserSetting('model', chosen.id);
    return chosen.id;
  } finally {
    picker.dispose();
  }
}
