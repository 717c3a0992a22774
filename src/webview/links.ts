// Links in rendered markdown never navigate the webview: a click (or Enter) asks the host to open the
// link, which opens only http(s) and with the editor's own confirmation for untrusted domains.
import { postToHost } from './vscodeApi';

function linkTarget(event: Event): HTMLAnchorElement | undefined {
  const target = event.target;
  if (!(target instanceof Element)) return undefined;
  const link = target.closest('a');
  return link && link.closest('.markdown') ? link : undefined;
}

function open(event: MouseEvent): void {
  const link = linkTarget(event);
  if (!link) return;
  event.preventDefault();
  // Middle clicks too: the webview must never open anything by itself.
  if (event.type === 'auxclick' && event.button !== 1) return;
  const href = link.getAttribute('href');
  if (href && !href.startsWith('#')) postToHost({ type: 'openLink', href });
}

document.addEventListener('click', open);
document.addEventListener('auxclick', open);
