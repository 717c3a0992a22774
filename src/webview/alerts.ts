// Error alerts with their next-action buttons (role="alert" so screen readers announce them).
import type { EndNotice, ErrorAction, ErrorInfo } from '../shared/protocol';
import { h } from './dom';
import { strings } from './strings';
import { postToHost } from './vscodeApi';

export function actionButton(action: ErrorAction, primary = false): HTMLButtonElement {
  const button = h('button', { type: 'button', class: primary ? 'button primary' : 'button secondary' }, strings.actions[action]);
  button.addEventListener('click', () => postToHost({ type: 'action', action }));
  return button;
}

export function errorAlert(error: ErrorInfo): HTMLElement {
  const actions = h('div', { class: 'alert-actions' }, ...error.actions.map((a, i) => actionButton(a, i === 0)));
  const meta = error.requestId ? h('div', { class: 'alert-meta' }, strings.alerts.requestId(error.requestId)) : '';
  return h('div', { role: 'alert', class: 'alert error' }, h('strong', { class: 'alert-title' }, error.title), h('div', { class: 'alert-detail' }, error.detail), meta, actions);
}

export function endNotice(notice: EndNotice): HTMLElement {
  const actions = h('div', { class: 'alert-actions' }, ...notice.actions.map((a, i) => actionButton(a, i === 0)));
  return h('div', { class: 'end-notice', role: 'status' }, h('span', {}, notice.text), actions);
}
