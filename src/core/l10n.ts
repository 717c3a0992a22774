// User-facing text built in the pure core (error titles and details, end notices, review labels) goes
// through t(): keyed by its English text like vscode.l10n.t, so scripts/l10n-bundle.mjs collects it into
// l10n/bundle.l10n.json. The editor installs vscode.l10n.t at activation. Text meant for the model (tool
// results, prompts) is never translated.
import { fillPlaceholders } from '../shared/placeholders';

export type Translate = (message: string, ...args: Array<string | number | boolean>) => string;

// engine.js is a separate bundle with its own copy of this module: the translator is kept under a
// registered symbol so both copies see the one installed by extension.js.
const TRANSLATOR = Symbol.for('claudeCompanion.translate');

type WithTranslator = { [TRANSLATOR]?: Translate };

/** Installs the editor's translator (undefined restores English). */
export function setTranslator(translate: Translate | undefined): void {
  (globalThis as WithTranslator)[TRANSLATOR] = translate;
}

/** The translation of `message`, with `{0}`, `{1}`… replaced by `args`. */
export function t(message: string, ...args: Array<string | number | boolean>): string {
  const translate = (globalThis as WithTranslator)[TRANSLATOR];
  return translate ? translate(message, ...args) : fillPlaceholders(message, args);
}
