// Which files a workspace review sends: those matching the user's glob among the files the tools may
// read (ignore files, tools.exclude, secret patterns), under a size cap and a count cap. Everything
// left out is reported with the reason, so nothing is skipped silently.
import { compileGlob } from '../patterns';
import { rulesForCall } from '../tools/ignoreRules';
import { decodeText } from '../tools/textDecoding';
import { listWorkspaceFiles, type FileListContext } from '../tools/workspaceFiles';
import { resolveToolPath } from '../tools/workspacePath';
import { MAX_REVIEW_FILE_BYTES, MAX_REVIEW_FILES } from './batchLimits';
import type { ReviewFile } from './batchTypes';
import { t } from '../l10n';

export interface SkippedFile {
  readonly path: string;
  readonly reason: 'too_large' | 'over_limit' | 'binary' | 'empty' | 'unreadable';
  readonly detail: string;
}

export interface ReviewSelection {
  readonly files: readonly ReviewFile[];
  readonly skipped: readonly SkippedFile[];
  /** How many files matched the glob (before the caps). */
  readonly matched: number;
}

export interface SelectOptions {
  readonly glob: string;
  readonly maxFileBytes?: number;
  readonly maxFiles?: number;
}

/** Throws a PatternError on a glob over the pattern caps (the message says what to change). */
export async function selectReviewFiles(ctx: FileListContext, options: SelectOptions): Promise<ReviewSelection> {
  const { maxFileBytes = MAX_REVIEW_FILE_BYTES, maxFiles = MAX_REVIEW_FILES } = options;
  // Linear-time matcher; dot files only when named (picomatch's default, kept).
  const glob = compileGlob(options.glob.trim().replace(/^\.\//, ''), { dot: false });
  const isMatch = (p: string) => glob.matches(p);
  const multiRoot = ctx.folders.length > 1;
  // In multi-root workspaces the glob may be written with or without the folder name.
  const matches = (p: string) => isMatch(p) || (multiRoot && isMatch(p.slice(p.indexOf('/') + 1)));
  const candidates = (await listWorkspaceFiles(ctx)).filter(matches);

  const rules = rulesForCall(ctx);
  const files: ReviewFile[] = [];
  const skipped: SkippedFile[] = [];
  for (const path of candidates) {
    if (files.length >= maxFiles) {
      skipped.push({ path, reason: 'over_limit', detail: t('more than {0} files matched', maxFiles) });
      continue;
    }
    try {
      const file = await resolveToolPath(path, ctx, { mustExist: true, rules });
      if ((file.size ?? 0) > maxFileBytes) {
        skipped.push({ path, reason: 'too_large', detail: t('{0} KB, over the {1} KB limit', Math.ceil((file.size ?? 0) / 1024), Math.round(maxFileBytes / 1024)) });
        continue;
      }
      const decoded = decodeText(await ctx.fs.readFile(file.absPath));
      if (decoded.kind === 'binary') skipped.push({ path, reason: 'binary', detail: t('a binary file (it contains NUL bytes)') });
      else if (decoded.text.trim() === '') skipped.push({ path, reason: 'empty', detail: t('the file is empty') });
      else files.push({ path, text: decoded.text });
    } catch (error) {
      skipped.push({ path, reason: 'unreadable', detail: error instanceof Error ? error.message : String(error) });
    }
  }
  return { files, skipped, matched: candidates.length };
}

/** A reviewed file's current text (for clamping findings when results arrive); undefined when gone or unreadable. */
export async function readReviewFile(ctx: FileListContext, path: string): Promise<string | undefined> {
  try {
    const file = await resolveToolPath(path, ctx, { mustExist: true });
    if (file.type !== 'file') return undefined;
    const decoded = decodeText(await ctx.fs.readFile(file.absPath));
    return decoded.kind === 'text' ? decoded.text : undefined;
  } catch {
    return undefined;
  }
}
