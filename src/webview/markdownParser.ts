// The one markdown-it setup (pure, no DOM, so the splitter can be tested in Node): raw HTML off,
// images turned into links (a remote image is never loaded), code fences marked up for the code-block
// toolbar and the highlighter.
import MarkdownIt from 'markdown-it';
import { parseFenceInfo } from './codeFence';
import { strings } from './strings';

export const md = new MarkdownIt({ html: false, linkify: true, breaks: false });

export type Token = ReturnType<typeof md.parse>[number];
/** markdown-it's per-document state (link references); kept across the parses of one text. */
export type MarkdownEnv = Record<string, unknown>;

const escape = md.utils.escapeHtml;

function codeBlockHtml(code: string, info: string): string {
  const { language, path } = parseFenceInfo(info);
  const attrs = [language ? ` data-lang="${escape(language)}"` : '', path ? ` data-path="${escape(path)}"` : ''].join('');
  return `<pre class="code-block"${attrs}><code>${escape(code)}</code></pre>\n`;
}

md.renderer.rules.fence = (tokens, idx) => codeBlockHtml(tokens[idx]!.content, tokens[idx]!.info);
md.renderer.rules.code_block = (tokens, idx) => codeBlockHtml(tokens[idx]!.content, '');

md.renderer.rules.image = (tokens, idx) => {
  const token = tokens[idx]!;
  const src = String(token.attrGet('src') ?? '');
  const label = escape(strings.image(token.children ? md.renderer.renderInlineAsText(token.children, md.options, {}) : token.content));
  // Only web links stay links (opened through the host, with its confirmation); data: and the rest are text.
  return /^https?:/i.test(src) ? `<a href="${escape(src)}" class="image-link">${label}</a>` : `<span class="image-link">${label}</span>`;
};

/** Block tokens of `source`; `env.references` holds link reference definitions. */
export function parseBlocks(source: string, env: MarkdownEnv): Token[] {
  return md.parse(source, env);
}

/** HTML for a run of block tokens (unsanitised: the DOM side sanitises). */
export function renderTokens(tokens: readonly Token[]): string {
  return md.renderer.render(tokens as Token[], md.options, {});
}

/**
 * The text of `tokens` when they are exactly one paragraph of plain text (no inline markup, links or
 * hard breaks; a soft break is a newline), else undefined. Such a paragraph renders as `<p>` holding
 * that text, so a streaming tail of prose can grow by appending text instead of being rendered again.
 */
export function plainParagraphText(tokens: readonly Token[]): string | undefined {
  const [open, inline, close] = tokens;
  if (tokens.length !== 3 || open?.type !== 'paragraph_open' || open.hidden || inline?.type !== 'inline' || close?.type !== 'paragraph_close') return undefined;
  let text = '';
  for (const child of inline.children ?? []) {
    if (child.type === 'text') text += child.content;
    else if (child.type === 'softbreak') text += '\n';
    else return undefined;
  }
  return text;
}
