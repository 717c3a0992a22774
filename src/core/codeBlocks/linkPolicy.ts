// Which links from rendered chat markdown the host will open: web pages only. Everything else (file:,
// command:, vscode:, javascript:, relative paths…) is refused with a message saying why.
import { t } from '../l10n';

export type LinkDecision = { readonly open: true; readonly url: string } | { readonly open: false; readonly message: string };

const MAX_SHOWN = 80;

function shown(href: string): string {
  const oneLine = href.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_SHOWN ? `${oneLine.slice(0, MAX_SHOWN - 1)}…` : oneLine;
}

export function decideLink(href: string): LinkDecision {
  let url: URL;
  try {
    url = new URL(href.trim());
  } catch {
    return { open: false, message: t('The link "{0}" was not opened: only web links (http or https) open from the chat.', shown(href)) };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { open: false, message: t('The link "{0}" was not opened: {1} links are not opened from the chat, only web links (http or https).', shown(href), url.protocol) };
  }
  if (url.username || url.password) {
    // `https://trusted.com@evil.example/` reads as one host and goes to another.
    return { open: false, message: t('The link "{0}" was not opened: it carries a user name or password, which is a common way to disguise where a link goes.', shown(href)) };
  }
  return { open: true, url: url.href };
}
