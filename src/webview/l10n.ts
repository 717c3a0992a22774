// Localisation for the webview. The host hands over vscode.l10n's bundle for the display language (a
// JSON island in the page); messages are keyed by their English text, as vscode.l10n.t does, so
// l10n/bundle.l10n.json (generated from the t() calls) is what translators work from.
import { fillPlaceholders } from '../shared/placeholders';

type Bundle = Readonly<Record<string, string>>;

/** Just the DOM this module reads: it is also loaded by unit tests in plain Node, where there is none. */
interface PageWithBundle {
  readonly document?: { getElementById(id: string): { readonly textContent: string | null } | null };
}

function readBundle(): Bundle {
  const text = (globalThis as PageWithBundle).document?.getElementById('l10n-bundle')?.textContent;
  if (!text) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Bundle) : {};
  } catch {
    return {};
  }
}

const bundle = readBundle();

/** The translation of `message`, with `{0}`, `{1}`… replaced by `args`. */
export function t(message: string, ...args: readonly (string | number)[]): string {
  return fillPlaceholders(bundle[message] ?? message, args);
}
