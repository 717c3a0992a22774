// Reviews and attachments send file contents to Claude, so they follow the tools' file rules: a file the
// tools may not read (secret-looking, ignored, outside the workspace through a symbolic link) is left out
// of Review Uncommitted Changes, with the reason in the chat, and the commands that send one named file
// (Review Current File, Review Selection, Add Selection to Chat) ask first. The rules themselves live in
// the tools (resolveToolPath); these functions only decide what to do with the verdict, so they take the
// check and the question as parameters.
import { t } from '../l10n';

/** Whether Claude's tools may read a file. `reason` says which rule refuses it, in words for the user. */
export type FileAccess = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

export interface LeftOut {
  /** The path the user sees (workspace-relative, or absolute outside the workspace). */
  readonly path: string;
  readonly reason: string;
}

/** One uncommitted change to judge: where it is now and, for a rename, where it was at HEAD. */
export interface ChangeToJudge<L> {
  readonly path: string;
  readonly location: L;
  readonly original?: L;
}

export interface JudgedChange<C> {
  readonly change: C;
  /**
   * False when the text at HEAD must not be sent: the file was renamed from a path the tools may not
   * read (say `.env` → `config.txt`), so its old lines are not shown; it is reviewed as a new file.
   */
  readonly withCommittedText: boolean;
}

export interface JudgedChanges<C> {
  readonly kept: readonly JudgedChange<C>[];
  readonly leftOut: readonly LeftOut[];
}

/**
 * Splits the changes into those a review may send and those it leaves out (with the rule that refuses
 * them). A check that throws counts as a refusal: when in doubt, nothing is sent.
 */
export async function judgeChanges<L, C extends ChangeToJudge<L>>(changes: readonly C[], check: (location: L) => Promise<FileAccess>): Promise<JudgedChanges<C>> {
  const kept: JudgedChange<C>[] = [];
  const leftOut: LeftOut[] = [];
  for (const change of changes) {
    const access = await safeCheck(check, change.location);
    if (!access.allowed) {
      leftOut.push({ path: change.path, reason: access.reason });
      continue;
    }
    const original = change.original === undefined ? access : await safeCheck(check, change.original);
    kept.push({ change, withCommittedText: original.allowed });
  }
  return { kept, leftOut };
}

/** What the chat says about the files a review left out; empty when none was. */
export function leftOutNote(leftOut: readonly LeftOut[]): string {
  if (leftOut.length === 0) return '';
  const head =
    leftOut.length === 1
      ? t('Left out of this review (Claude\'s tools may not read it either):')
      : t('Left out of this review, {0} files (Claude\'s tools may not read them either):', leftOut.length);
  return [head, ...leftOut.map((l) => `- ${l.path}: ${l.reason}`)].join('\n');
}

/** What the chat says when every changed file was left out: no request is sent. */
export function nothingSentNote(): string {
  return t('Nothing was sent to Claude. To review a file that was left out anyway, open it and use Review Current File, which asks first.');
}

export type SendAction = 'review' | 'attach';

/** A modal question: `message` is the question, `detail` names the rule. */
export interface AccessQuestion {
  readonly message: string;
  readonly detail: string;
}

/** Shows the question; true only when the user chose to send anyway (Cancel, Escape or an error: false). */
export type AskAccess = (question: AccessQuestion) => Promise<boolean>;

/**
 * True when the file may be sent: the tools may read it, or the user said so in answer to the question.
 * The question is asked only for a file the tools may not read.
 */
export async function mayShare(path: string, action: SendAction, check: () => Promise<FileAccess>, ask: AskAccess): Promise<boolean> {
  const access = await safeCheck(check, undefined);
  if (access.allowed) return true;
  const message = action === 'review' ? t('Send {0} to Claude for review?', path) : t('Add {0} to the chat?', path);
  const detail = `${access.reason}\n\n${t('Claude\'s tools may not read this file. Send it only if it holds nothing you would not paste into the chat yourself.')}`;
  try {
    return (await ask({ message, detail })) === true;
  } catch {
    return false;
  }
}

async function safeCheck<L>(check: (location: L) => Promise<FileAccess>, location: L): Promise<FileAccess> {
  try {
    return await check(location);
  } catch (error) {
    return { allowed: false, reason: t('It could not be checked ({0}), so it is treated as off limits.', error instanceof Error ? error.message : String(error)) };
  }
}
