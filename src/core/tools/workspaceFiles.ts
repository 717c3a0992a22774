// The workspace files the `@` picker offers and the file attachments it makes, under exactly the rules
// the agent tools follow (ignore files, tools.exclude, secret patterns, confinement): a file the model
// could not read_file is never listed nor attached.
import * as path from 'node:path';
import type { FileAccess } from '../files/accessGate';
import { type IgnoreRules, rulesForCall } from './ignoreRules';
import { readTextFile } from './readFile';
import { ToolFailure, ToolRefusal, quote } from './toolOutcome';
import type { ToolContext, WorkspaceFolderRef } from './toolTypes';
import { displayPathOf, isInside, realRoot, resolveToolPath, toSlashes } from './workspacePath';
import { t } from '../l10n';

export type FileListContext = Pick<ToolContext, 'folders' | 'fs' | 'exclude' | 'allowSecrets'>;

/** Enough for large repositories; beyond it the picker shows what it has. */
export const MAX_LISTED_FILES = 50_000;
/** A file attached to a message goes in whole, so keep it to what a prompt can sensibly carry. */
export const MAX_ATTACHED_FILE_BYTES = 256 * 1024;

/** Display paths of every file the tools may read, folders first in name order (symlinks not followed). */
export async function listWorkspaceFiles(ctx: FileListContext, max = MAX_LISTED_FILES): Promise<string[]> {
  const rules = rulesForCall(ctx);
  const files: string[] = [];
  const visit = async (folder: WorkspaceFolderRef, absDir: string, relDir: string, folderRules: IgnoreRules): Promise<void> => {
    let entries;
    try {
      entries = await ctx.fs.readDirectory(absDir);
    } catch {
      return;
    }
    for (const entry of entries) {
      if (files.length >= max) return;
      if (entry.type !== 'file' && entry.type !== 'directory') continue;
      const rel = relDir ? `${relDir}/${entry.name}` : entry.name;
      const isDir = entry.type === 'directory';
      if (await folderRules.isIgnored(rel, isDir)) continue;
      if (isDir) await visit(folder, path.join(absDir, entry.name), rel, folderRules);
      else files.push(displayPathOf(ctx.folders, folder, rel));
    }
  };
  for (const folder of ctx.folders) {
    let root: string;
    try {
      root = await realRoot(ctx.fs, folder);
    } catch {
      continue;
    }
    await visit(folder, root, '', await rules(folder));
  }
  return files;
}

/** Thrown when a file cannot be attached; the message says why in the user's terms. */
export class AttachRefused extends Error {
  override readonly name = 'AttachRefused';
}

export interface AttachedFile {
  readonly displayPath: string;
  readonly text: string;
  readonly lines: number;
}

/** Reads a workspace file for an attachment, refusing ignored, outside, missing, binary and large files. */
export async function readFileForAttachment(input: string, ctx: FileListContext): Promise<AttachedFile> {
  try {
    const file = await resolveToolPath(input, ctx, { mustExist: true });
    if (file.type === 'file' && (file.size ?? 0) > MAX_ATTACHED_FILE_BYTES) {
      throw new ToolFailure(`${quote(file.displayPath)} is ${Math.ceil((file.size ?? 0) / 1024)} KB, more than the ${MAX_ATTACHED_FILE_BYTES / 1024} KB a file attachment may have. Select the part you need and use Add Selection to Chat.`);
    }
    const { text } = await readTextFile(file, ctx);
    return { displayPath: file.displayPath, text, lines: text === '' ? 1 : text.replace(/\r?\n$/, '').split(/\r?\n/).length };
  } catch (error) {
    if (error instanceof ToolRefusal || error instanceof ToolFailure) throw new AttachRefused(`Cannot attach ${quote(input)}: ${error.message.replace(/ The tools may not read, list, search or write ignored files\.$/, '')}`);
    throw error;
  }
}

/**
 * A check of files the editor names by absolute path (an open document, a changed file), under the rules
 * of the tools; rules are loaded once per checker, so make one per batch.
 */
export function fileAccessChecker(ctx: FileListContext): (absPath: string) => Promise<FileAccess> {
  const rules = rulesForCall(ctx);
  return async (absPath) => {
    const input = await toolPathOf(absPath, ctx);
    if (input === undefined) return { allowed: false, reason: t('{0} is outside the workspace folders, where Claude\'s tools cannot read.', absPath) };
    try {
      await resolveToolPath(input, ctx, { mustExist: false, rules });
      return { allowed: true };
    } catch (error) {
      // Refusals name the rule; a failure (a folder that vanished…) is not a yes either.
      if (error instanceof ToolRefusal || error instanceof ToolFailure) return { allowed: false, reason: error.message };
      return { allowed: false, reason: t('{0} could not be checked ({1}), so it is treated as off limits.', absPath, error instanceof Error ? error.message : String(error)) };
    }
  };
}

/**
 * The tool path (folder name first in multi-root) that names `absPath`, or undefined outside every
 * folder. The innermost folder wins. The name is kept as written (a symbolic link in the workspace is
 * judged by resolveToolPath, by where it points); only when the path is not below a folder as written
 * (say the document was opened through a link to the workspace) is its parent resolved.
 */
async function toolPathOf(absPath: string, ctx: FileListContext): Promise<string | undefined> {
  const roots: { folder: WorkspaceFolderRef; root: string }[] = [];
  for (const folder of ctx.folders) {
    try {
      roots.push({ folder, root: await realRoot(ctx.fs, folder) });
    } catch {
      // An inaccessible folder holds nothing to check.
    }
  }
  roots.sort((a, b) => b.root.length - a.root.length);
  const within = (candidate: string) => {
    const hit = roots.find((r) => candidate !== r.root && isInside(r.root, candidate));
    if (!hit) return undefined;
    const rel = toSlashes(path.relative(hit.root, candidate));
    return ctx.folders.length > 1 ? `${hit.folder.name}/${rel}` : rel;
  };
  const written = path.resolve(absPath);
  const direct = within(written);
  if (direct !== undefined) return direct;
  try {
    return within(path.join(await ctx.fs.realpath(path.dirname(written)), path.basename(written)));
  } catch {
    return undefined;
  }
}
