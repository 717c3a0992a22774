// Markdown to safe DOM: markdown-it with raw HTML off (markdownParser), then DOMPurify. Code blocks get
// their toolbar and highlighting; links are opened by the host (links.ts).
import DOMPurify from 'dompurify';
import { decorateCodeBlocks } from './codeBlock';
import './links';
import './markdown.css';
import { md, renderTokens, type Token } from './markdownParser';

function sanitize(html: string): DocumentFragment {
  // markdown-it already escapes raw HTML; this is the second line of defence. Images never load.
  return DOMPurify.sanitize(html, { RETURN_DOM_FRAGMENT: true, FORBID_TAGS: ['style', 'img', 'svg', 'math', 'form', 'input'], FORBID_ATTR: ['style'] });
}

/** Finished blocks: rendered once, with code toolbars and highlighting. */
export function renderFinishedTokens(tokens: readonly Token[]): DocumentFragment {
  const fragment = sanitize(renderTokens(tokens));
  decorateCodeBlocks(fragment);
  return fragment;
}

/** The open tail of a streaming text: re-rendered as text arrives, so no toolbars or highlighting yet. */
export function renderOpenTokens(tokens: readonly Token[]): DocumentFragment {
  return sanitize(renderTokens(tokens));
}

/** A whole finished text at once (e.g. thinking when it ends). */
export function renderMarkdown(source: string): DocumentFragment {
  return renderFinishedTokens(md.parse(source, {}));
}
