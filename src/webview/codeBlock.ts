// Finished code blocks: a toolbar (Copy, Insert at Cursor, Apply to File) whose buttons ask the host
// to act on the block's code, and highlighting once the grammar has loaded.
import type { CodeAction } from '../shared/protocol';
import { h, icon } from './dom';
import { highlightCode } from './highlight';
import { strings } from './strings';
import { postToHost } from './vscodeApi';

const COPIED_MS = 1500;

function toolButton(codicon: string, label: string, onClick: (button: HTMLButtonElement) => void): HTMLButtonElement {
  const button = h('button', { type: 'button', class: 'code-action', 'aria-label': label, title: label }, icon(codicon));
  button.addEventListener('click', () => onClick(button));
  return button;
}

/** Wraps one rendered `pre.code-block` with its toolbar and starts highlighting it. */
function decorate(pre: HTMLElement): void {
  const code = pre.querySelector('code');
  if (!code) return;
  const language = pre.dataset['lang'];
  const path = pre.dataset['path'];
  const post = (action: CodeAction) =>
    postToHost({ type: 'codeAction', action, code: code.textContent ?? '', ...(language ? { language } : {}), ...(path ? { path } : {}) });
  const copied = h('span', { class: 'code-copied', role: 'status' });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const copy = toolButton('copy', strings.copy, (button) => {
    post('copy');
    // Optimistic: the host's clipboard write does not fail in practice, and says so itself if it does.
    button.replaceChildren(icon('check'));
    copied.textContent = strings.copied;
    clearTimeout(timer);
    timer = setTimeout(() => {
      button.replaceChildren(icon('copy'));
      copied.textContent = '';
    }, COPIED_MS);
  });
  const toolbar = h(
    'div',
    { class: 'code-toolbar', role: 'toolbar', 'aria-label': strings.codeActions },
    ...(language ? [h('span', { class: 'code-language' }, language)] : []),
    ...(path ? [h('span', { class: 'code-path', title: path }, path)] : []),
    copied,
    copy,
    toolButton('insert', strings.insertAtCursor, () => post('insert')),
    toolButton('diff', strings.applyToFile, () => post('apply')),
  );
  const wrapper = h('div', { class: 'code-block-wrapper' });
  pre.replaceWith(wrapper);
  wrapper.append(toolbar, pre);
  if (language) void highlightCode(code, language);
}

/** Decorates every finished code block in freshly rendered markdown. */
export function decorateCodeBlocks(root: DocumentFragment | HTMLElement): void {
  for (const pre of root.querySelectorAll<HTMLElement>('pre.code-block')) decorate(pre);
}
