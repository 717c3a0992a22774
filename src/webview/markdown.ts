// Markdown to safe HTML: raw HTML off in markdown-it, then DOMPurify. Links are handled by the host.
import DOMPurify from 'dompurify';
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: true, breaks: false });

export function renderMarkdown(source: string): DocumentFragment {
  const html = md.render(source);
  return DOMPurify.sanitize(html, { RETURN_DOM_FRAGMENT: true, FORBID_TAGS: ['style', 'img'], FORBID_ATTR: ['style'] });
}
