// `{0}`, `{1}`… in a message replaced by its arguments, as vscode.l10n.t does (shared by the webview's and
// the core's t(), which fall back to the English text when there is no translation).

export function fillPlaceholders(template: string, args: readonly (string | number | boolean)[]): string {
  return template.replace(/\{(\d+)\}/g, (whole, index: string) => (Number(index) < args.length ? String(args[Number(index)]) : whole));
}
