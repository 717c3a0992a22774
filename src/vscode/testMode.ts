// The ExtensionMode.Test gates for test-only command arguments. A leaf (it imports no feature), so a
// feature can use a gate while testApi.ts, which names every feature's types, stays out of its imports.
import type * as vscode from 'vscode';

/** vscode.ExtensionMode.Test; the enum's runtime value lives in the `vscode` module, which this file does not load. */
const EXTENSION_MODE_TEST: vscode.ExtensionMode.Test = 3;

export function isTestMode(mode: vscode.ExtensionMode): boolean {
  return mode === EXTENSION_MODE_TEST;
}

/**
 * The Export command's target file argument (a Uri or path, which skips the save dialog): kept in Test
 * mode only. Otherwise a caller could have a conversation written anywhere without the user choosing it.
 */
export function exportTargetArgument(mode: vscode.ExtensionMode, target: unknown): unknown {
  return isTestMode(mode) ? target : undefined;
}

/**
 * The Review Workspace command's arguments: `confirm: false` (no cost confirmation) and `pollMs` are for
 * tests and kept in Test mode only; a glob is kept (the cost confirmation still shows it). Generic over the
 * review's argument type so that this leaf imports nothing from the review.
 */
export function reviewWorkspaceArguments<Args extends object>(mode: vscode.ExtensionMode, args: Args & { readonly glob?: string }): Partial<Args> {
  if (isTestMode(mode)) return args;
  const kept: Partial<Args> = {};
  return args.glob === undefined ? kept : Object.assign(kept, { glob: args.glob });
}
