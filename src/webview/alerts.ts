// Error alerts with their next-action buttons (role="alert" so screen readers announce them).
import type { EndNotice, ErrorAction, ErrorInfo } from '../shared/protocol';
import { h } from './dom';
import { postToHost } from './vscodeApi';

const ACTION_LABELS: Record<ErrorAction, string> = {
  setApiKey: 'Set API Key',
  retry: 'Retry',
  selectModel: 'Select Model',
  newChat: 'New Chat',
  openSettings: 'Open Settings',
  showLog: 'Show Log',
  continue: 'Continue',
  manageTrust: 'Manage Workspace Trust',
};

export function actionButton(action: ErrorAction, primary = false): HTMLButtonElement {
  const button = h('button', { type: 'button', class: primary ? 'button primary' : 'button secondary' }, ACTION_LABELS[action]);
  button.addEventListener('click', () => postToHost({ type: 'action', action }));
  return button;
}

export function errorAlert(error: ErrorInfo): HTMLElement {
  const actions = h('div', { class: 'alert-actions' }, ...error.actions.map((a, i) => actionButton(a, i === 0)));
  const meta = error.requestId ? h('div', { class: 'alert-meta' }, `Request id: ${error.requestId}`) : '';
  return h('div', { role: 'alert', class: 'alert error' }, h('strong', { class: 'alert-title' }, error.title), h('div', { class: 'alert-detail' }, error.detail), meta, actions);
}

export function endNotice(notice: EndNotice): HTMLElement {
  const actions = h('div', { class: 'alert-actions' }, ...notice.actions.map((a, i) => actionButton(a, i === 0)));
  return h('div', { class: 'end-notice', role: 'status' }, h('span', {}, notice.text), actions);
}
