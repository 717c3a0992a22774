// Shared fixtures for the workspace-tool tests: temp workspaces on disk and recording fakes of the ports.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createFallbackSearch, createNodeFileSystem } from '../../../src/core/tools';
import type {
  ApprovalDecision,
  ApprovalPort,
  CheckpointPort,
  DiagnosticInfo,
  DiagnosticsPort,
  FileSystemPort,
  ProposedWrite,
  ToolContext,
  WorkspaceFolderRef,
  WriterPort,
} from '../../../src/core/tools';

const created: string[] = [];

/** A fresh temp directory (realpath'd: macOS puts tmp behind a symlink), removed after the run. */
export function tempDir(prefix = 'cc-tools-'): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  created.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** Writes files (string or bytes) below `root`, creating folders. */
export function writeTree(root: string, files: Record<string, string | Uint8Array>): void {
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, ...rel.split('/'));
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  }
}

export class RecordingApprovals implements ApprovalPort {
  readonly calls: ProposedWrite[] = [];
  constructor(public decision: ApprovalDecision = { approved: true }) {}
  async requestApproval(write: ProposedWrite): Promise<ApprovalDecision> {
    this.calls.push(write);
    return this.decision;
  }
}

/** Writes for real (so tests can check bytes), creating folders like the editor's WorkspaceEdit does. */
export class FsWriter implements WriterPort {
  readonly calls: ProposedWrite[] = [];
  readonly order: string[];
  constructor(order: string[] = []) {
    this.order = order;
  }
  async apply(write: ProposedWrite): Promise<void> {
    this.calls.push(write);
    this.order.push(`write ${write.absPath}`);
    fs.mkdirSync(path.dirname(write.absPath), { recursive: true });
    fs.writeFileSync(write.absPath, write.after);
  }
}

export class RecordingCheckpoints implements CheckpointPort {
  readonly calls: { absPath: string; before: Uint8Array | undefined }[] = [];
  constructor(private readonly order: string[] = []) {}
  async beforeWrite(absPath: string, before: Uint8Array | undefined): Promise<void> {
    this.calls.push({ absPath, before });
    this.order.push(`checkpoint ${absPath}`);
  }
  readonly written: { absPath: string; after: Uint8Array | undefined }[] = [];
  async afterWrite(absPath: string, after: Uint8Array | undefined): Promise<void> {
    this.written.push({ absPath, after });
  }
}

export class FakeDiagnostics implements DiagnosticsPort {
  readonly calls: string[] = [];
  constructor(private readonly byPath: Record<string, DiagnosticInfo[]> = {}) {}
  async diagnostics(absPath: string): Promise<readonly DiagnosticInfo[]> {
    this.calls.push(absPath);
    return this.byPath[absPath] ?? [];
  }
}

/** A FileSystemPort that records every path whose content (bytes or entries) was read. */
export function recordingFs(): FileSystemPort & { readonly contentReads: string[] } {
  const inner = createNodeFileSystem();
  const contentReads: string[] = [];
  return {
    contentReads,
    realpath: (p) => inner.realpath(p),
    lstat: (p) => inner.lstat(p),
    readFile: (p) => {
      contentReads.push(p);
      return inner.readFile(p);
    },
    readDirectory: (p) => {
      contentReads.push(p);
      return inner.readDirectory(p);
    },
  };
}

export interface TestContext extends ToolContext {
  readonly approvals: RecordingApprovals;
  readonly writer: FsWriter;
  readonly checkpoints: RecordingCheckpoints;
  readonly order: string[];
}

export function folder(name: string, root: string): WorkspaceFolderRef {
  return { name, root };
}

export function makeContext(folders: readonly WorkspaceFolderRef[], overrides: Partial<ToolContext> = {}): TestContext {
  const order: string[] = [];
  const fsPort = overrides.fs ?? createNodeFileSystem();
  return {
    folders,
    fs: fsPort,
    search: createFallbackSearch(fsPort),
    approvals: new RecordingApprovals(),
    writer: new FsWriter(order),
    checkpoints: new RecordingCheckpoints(order),
    diagnostics: new FakeDiagnostics(),
    exclude: [],
    allowSecrets: false,
    trusted: true,
    autoApproveWrites: false,
    signal: new AbortController().signal,
    order,
    ...overrides,
  } as TestContext;
}

/** Sorted list of every path below `dir` (for "nothing changed here" checks). */
export function snapshotTree(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[]).sort();
}
