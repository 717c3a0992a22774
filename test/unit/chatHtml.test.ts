// The webview's HTML: strict CSP with a fresh nonce, no remote sources, no eval.
import assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { chatHtml } from '../../src/vscode/chatHtml';

const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';

function fakeWebview(): vscode.Webview {
  return {
    cspSource: CSP_SOURCE,
    asWebviewUri: (uri: vscode.Uri) => ({ toString: () => `${CSP_SOURCE}${uri.path}` }),
  } as unknown as vscode.Webview;
}

const assets = { path: '/ext/dist/webview', with: (c: { path: string }) => ({ path: c.path }) } as unknown as vscode.Uri;

function csp(html: string): Map<string, string[]> {
  const content = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
  assert.ok(content, 'a CSP meta tag');
  return new Map(content.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
}

describe('chat webview HTML', () => {
  it("denies everything by default and allows scripts only by nonce and from the webview's own origin (lazy chunks)", () => {
    const html = chatHtml(fakeWebview(), assets);
    const policy = csp(html);
    assert.deepEqual(policy.get('default-src'), ["'none'"]);
    const scriptSrc = policy.get('script-src') ?? [];
    assert.equal(scriptSrc.length, 2);
    assert.equal(scriptSrc[1], CSP_SOURCE);
    const nonce = /^'nonce-([A-Za-z0-9+/=]{16,})'$/.exec(scriptSrc[0]!)?.[1];
    assert.ok(nonce, `script-src is a nonce: ${scriptSrc.join(' ')}`);
    // Data islands (type="application/json") never run; every other script needs the nonce.
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]).filter((tag) => !tag.includes('type="application/json"'));
    assert.ok(scripts.length > 0);
    for (const tag of scripts) assert.ok(tag.includes(`nonce="${nonce}"`), `script without the nonce: ${tag}`);
  });

  it('never allows eval, inline code or remote hosts; images only from the webview itself', () => {
    const html = chatHtml(fakeWebview(), assets);
    const policy = csp(html);
    for (const src of policy.get('img-src') ?? []) assert.ok([CSP_SOURCE, 'data:', 'blob:'].includes(src), `img-src allows ${src}`);
    const all = [...policy.values()].flat();
    for (const value of all) {
      assert.ok(!["'unsafe-eval'", "'unsafe-inline'", '*', 'https:', 'http:'].includes(value), `CSP allows ${value}`);
      if (value.startsWith('http')) assert.equal(value, CSP_SOURCE, `only the webview's own resource origin: ${value}`);
    }
    assert.ok(!/\son[a-z]+=/i.test(html), 'no inline event handlers');
  });

  it('hands the display language and its translations to the page without letting them break out', () => {
    const html = chatHtml(fakeWebview(), assets, { language: 'de', bundle: { Copy: 'Kopieren</script><script>alert(1)</script>' } });
    assert.match(html, /<html lang="de">/);
    const island = /<script type="application\/json" id="l10n-bundle">([^<]*)<\/script>/.exec(html);
    assert.ok(island, 'the bundle is one JSON island with no markup inside');
    assert.equal((JSON.parse(island[1]!) as Record<string, string>)['Copy'], 'Kopieren</script><script>alert(1)</script>');
  });

  it('uses a new nonce for every load', () => {
    const nonceOf = (html: string) => /'nonce-([^']+)'/.exec(html)?.[1];
    assert.notEqual(nonceOf(chatHtml(fakeWebview(), assets)), nonceOf(chatHtml(fakeWebview(), assets)));
  });
});
