// The chat webview's HTML: strict CSP with a per-load nonce, no remote content, no eval, no inline code.
import { randomBytes } from 'node:crypto';
import type * as vscode from 'vscode';

/** The display language and vscode.l10n's bundle for it (undefined in English). */
export interface WebviewLocale {
  readonly language: string;
  readonly bundle?: Readonly<Record<string, string>>;
}

export function chatHtml(webview: vscode.Webview, assets: vscode.Uri, locale: WebviewLocale = { language: 'en' }): string {
  const nonce = randomBytes(16).toString('base64');
  const asset = (name: string) => webview.asWebviewUri(joinUri(assets, name)).toString();
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data: blob:`,
    // The nonce admits chat.js; its own origin admits the chunks it imports (highlight.js grammars load on demand).
    `script-src 'nonce-${nonce}' ${webview.cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="${escapeAttribute(locale.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('codicon.css')}">
<link rel="stylesheet" href="${asset('chat.css')}">
<title>Claude</title>
</head>
<body>
<main id="app" class="app"></main>
<script type="application/json" id="l10n-bundle">${jsonIsland(locale.bundle ?? {})}</script>
<script type="module" nonce="${nonce}" src="${asset('chat.js')}"></script>
</body>
</html>`;
}

function joinUri(base: vscode.Uri, name: string): vscode.Uri {
  return base.with({ path: `${base.path.replace(/\/$/, '')}/${name}` });
}

/** JSON that cannot end its <script> element early. */
function jsonIsland(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

function escapeAttribute(value: string): string {
  return value.replace(/[^A-Za-z0-9-]/g, '');
}
