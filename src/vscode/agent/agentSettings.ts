// Agent and tool settings (claudeCompanion.agent.*, claudeCompanion.tools.*).
import * as vscode from 'vscode';
import { DEFAULT_LIMITS, type AgentLimits } from '../../core/agent/agentTypes';
import { readSetting, readUserScope } from '../settings';

export interface AgentSettings {
  readonly limits: AgentLimits;
  readonly autoApproveReads: boolean;
  readonly autoApproveWrites: boolean;
  readonly exclude: readonly string[];
  readonly allowSecrets: boolean;
}

export function readAgentSettings(): AgentSettings {
  const userScope = readUserScope();
  return {
    limits: {
      maxIterations: readSetting('agent.maxIterations'),
      maxCostPerTaskUsd: readSetting('agent.maxCostPerTaskUsd'),
      maxRepeatedFailures: DEFAULT_LIMITS.maxRepeatedFailures,
    },
    autoApproveReads: readSetting('agent.autoApprove.reads'),
    // Never auto-approve writes in Restricted Mode, whatever the settings say; and only the user can turn it on.
    autoApproveWrites: vscode.workspace.isTrusted && userScope.autoApproveWrites,
    exclude: readSetting('tools.exclude'),
    allowSecrets: userScope.allowSecrets,
  };
}

/** Why writes are off in an untrusted workspace: built when shown, in the editor's language. */
export function restrictedModeReason(): string {
  return vscode.l10n.t('This workspace is in Restricted Mode: Claude can read files and chat, but cannot change files until you trust the workspace.');
}

export function writesDisabledReason(): string | undefined {
  return vscode.workspace.isTrusted ? undefined : restrictedModeReason();
}
