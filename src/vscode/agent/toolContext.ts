// Builds the agent's tool context from the editor: workspace folders (realpath'd), the file system,
// search (VS Code's bundled ripgrep, else the pure fallback), approvals, the writer, diagnostics, trust.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { AgentHooks } from '../../core/chat/agentTurn';
import type { Logger } from '../../core/log';
import type { EngineModule } from '../engineLoader';
import type { DiagnosticInfo, DiagnosticsPort, ProtectedFolder, SearchPort, ToolContext, WorkspaceFolderRef } from '../../core/tools/toolTypes';
import { readAgentSettings } from './agentSettings';
import type { WriteApprovals } from './writeApprovals';
import { WorkspaceWriter } from './workspaceWriter';

const SEVERITY: Record<vscode.DiagnosticSeverity, DiagnosticInfo['severity']> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'information',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

const diagnostics: DiagnosticsPort = {
  async diagnostics(absPath) {
    return vscode.languages.getDiagnostics(vscode.Uri.file(absPath)).map((d) => ({
      severity: SEVERITY[d.severity],
      line: d.range.start.line + 1,
      endLine: d.range.end.line + 1,
      message: d.message,
      ...(typeof d.source === 'string' ? { source: d.source } : {}),
    }));
  },
};

/** Folder names must be unique for multi-root paths; duplicates get a numeric suffix. */
export function workspaceFolders(): WorkspaceFolderRef[] {
  const seen = new Map<string, number>();
  const refs: WorkspaceFolderRef[] = [];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (folder.uri.scheme !== 'file') continue;
    let root: string;
    try {
      root = fs.realpathSync(folder.uri.fsPath);
    } catch {
      continue;
    }
    // Names are the first path segment in multi-root paths: no separators, and unique.
    const base = folder.name.replace(/[\\/]/g, '-');
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    refs.push({ name: count === 1 ? base : `${base}-${count}`, root });
  }
  return refs;
}

export interface EditorAgentHooks extends AgentHooks {
  /** Which search the tools use here: VS Code's bundled ripgrep, or the pure fallback. */
  readonly searchEngine: () => string;
}

export function createAgentHooks(engine: EngineModule, approvals: WriteApprovals, protectedFolders: () => readonly ProtectedFolder[], log?: Logger): EditorAgentHooks {
  const { WORKSPACE_TOOLS, createFallbackSearch, createNodeFileSystem, createRipgrepSearch, findRipgrep, runTool } = engine;
  const fileSystem = createNodeFileSystem();
  let search: SearchPort | undefined;
  let engineName = 'not yet chosen';
  const searchPort = (): SearchPort => {
    if (!search) {
      const rg = findRipgrep(vscode.env.appRoot, (p) => fs.existsSync(p));
      search = rg ? createRipgrepSearch(rg) : createFallbackSearch(fileSystem);
      engineName = rg ? `ripgrep (${rg})` : 'fallback';
    }
    return search;
  };
  const writer = new WorkspaceWriter();
  return {
    searchEngine: () => {
      searchPort();
      return engineName;
    },
    tools: () => WORKSPACE_TOOLS,
    limits: () => readAgentSettings().limits,
    runTool,
    approvals,
    autoApproveReads: () => readAgentSettings().autoApproveReads,
    confirmRead: (toolUseId, signal) => approvals.confirmRead(toolUseId, signal),
    createContext: (signal, parts): ToolContext => {
      const settings = readAgentSettings();
      return {
        folders: workspaceFolders(),
        fs: fileSystem,
        search: searchPort(),
        approvals: parts.approvals,
        writer,
        checkpoints: parts.checkpoints,
        diagnostics,
        exclude: settings.exclude,
        allowSecrets: settings.allowSecrets,
        trusted: vscode.workspace.isTrusted,
        autoApproveWrites: settings.autoApproveWrites,
        protectedFolders: protectedFolders(),
        signal,
        ...(log ? { log } : {}),
      };
    },
  };
}
