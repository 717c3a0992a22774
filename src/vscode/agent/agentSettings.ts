// Agent and tool settings (claudeCompanion.agent.*, claudeCompanion.tools.*).
import * as vscode from 'vscode';
import { DEFAULT_LIMITS, type AgentLimits } from '../../core/agent/agentTypes';
import { agentIterations } from '../../core/settings/userScope';
import { CONFIG_SECTION, readUserScope } from '../settings';

export interface AgentSettings {
  readonly limits: AgentLimits;
  readonly autoApproveReads: boolean;
  readonly autoApproveWrites: boolean;
  readonly exclude: readonly string[];
  readonly allowSecrets: boolean;
}

export function readAgentSettings(): AgentSettings {
  const c = vscode.workspace.getConfiguration(CONFIG_SECTION);
  const num = (key: string, fallback: number, min: number) => {
    const v = c.get<number>(key, fallback);
    return Number.isFinite(v) && v >= min ? v : fallback;
  };
  const exclude = c.get<unknown>('tools.exclude', []);
  const userScope = readUserScope();
  return {
    limits: {
      maxIterations: agentIterations(c.get<unknown>('agent.maxIterations'), DEFAULT_LIMITS.maxIterations),
      maxCostPerTaskUsd: num('agent.maxCostPerTaskUsd', DEFAULT_LIMITS.maxCostPerTaskUsd, 0),
      maxRepeatedFailures: DEFAULT_LIMITS.maxRepeatedFailures,
    },
    autoApproveReads: c.get<boolean>('agent.autoApprove.reads', true),
    // Never auto-approve writes in Restricted Mode, whatever the settings say; and only the user can turn it on.
    autoApproveWrites: vscode.workspace.isTrusted && userScope.autoApproveWrites,
    exclude: Array.isArray(exclude) ? exclude.filter((g): g is string => typeof g === 'string' && g.trim() !== '') : [],
    allowSecrets: userScope.allowSecrets,
  };
}

export const RESTRICTED_MODE_REASON = 'This workspace is in Restricted Mode: Claude can read files and chat, but cannot change files until you trust the workspace.';

export function writesDisabledReason(): string | undefined {
  return vscode.workspace.isTrusted ? undefined : RESTRICTED_MODE_REASON;
}
