// Chat webview entry: builds the panel, says `ready`, then applies what the host sends.
import type { ErrorAction, HistoryState, HostToWebview, UsageSnapshot } from '../shared/protocol';
import './chat.css';
import { actionButton } from './alerts';
import { Composer } from './composer';
import { ContextMeterView } from './contextMeter';
import { CompactControl } from './compactButton';
import { h } from './dom';
import { HistoryView } from './historyView';
import { setViewPreferences } from './preferences';
import { formatCost, formatTokens } from './format';
import { strings } from './strings';
import { TranscriptView } from './transcriptView';
import { revertGate } from './revertGate';
import { postToHost } from './vscodeApi';

const transcript = new TranscriptView();
const composer = new Composer();
const NO_KEY = strings.panel.noApiKey;

/** A status line above the transcript with one action; hidden while it has nothing to say. */
function banner(action: ErrorAction, primary: boolean) {
  const text = h('span', {});
  const el = h('div', { class: 'banner', role: 'status', hidden: true }, text, actionButton(action, primary));
  return {
    el,
    show(message: string | undefined): void {
      el.hidden = !message;
      text.textContent = message ?? '';
    },
  };
}

const keyBanner = banner('setApiKey', true);
const trustBanner = banner('manageTrust', false);
const showTrust = (reason: string | undefined) => trustBanner.show(reason);

const totalsLine = h('div', { class: 'totals', 'aria-label': strings.panel.usageRegion });

function showTotals(t: UsageSnapshot): void {
  totalsLine.hidden = t.requests === 0;
  totalsLine.textContent = strings.panel.totals(formatTokens(t.inputTokens + t.cacheReadTokens + t.cacheWriteTokens + t.outputTokens), formatCost(t.costUsd, t.costComplete));
}

const contextMeter = new ContextMeterView();
const compact = new CompactControl();
const statusRow = h('div', { class: 'status-row' }, contextMeter.el, compact.el, totalsLine, compact.status);

const app = document.getElementById('app');
/** The history list takes the transcript's place while open (history.css hides the transcript). */
const history = new HistoryView(() => {
  app?.classList.remove('history-open');
  composer.focus();
});
function showHistory(state: HistoryState): void {
  app?.classList.add('history-open');
  history.show(state);
}

app?.append(keyBanner.el, trustBanner.el, history.el, transcript.el, transcript.jumpButton, statusRow, composer.el);

function handle(message: HostToWebview): void {
  switch (message.type) {
    case 'snapshot':
      setViewPreferences(message.chat.preferences);
      keyBanner.show(message.chat.hasApiKey ? undefined : NO_KEY);
      transcript.reset(message.chat.turns);
      for (const c of message.chat.compactions ?? []) transcript.addCompaction(c);
      compact.setAvailable(message.chat.turns.length > 0);
      compact.setCompacting(false);
      composer.setStreaming(message.chat.streaming);
      compact.setStreaming(message.chat.streaming);
      revertGate.setBusy(message.chat.streaming);
      showTotals(message.chat.totals);
      showTrust(message.chat.writesDisabledReason);
      composer.setAttachments(message.chat.attachments);
      contextMeter.show(message.chat.context);
      if (message.chat.options) composer.setOptions(message.chat.options);
      // A snapshot is a conversation to look at (a new chat, one just opened): the list closes, unless
      // the snapshot itself asks for it.
      if (message.chat.history) showHistory(message.chat.history);
      else history.close();
      return;
    case 'history':
      showHistory(message.history);
      return;
    case 'context':
      contextMeter.show(message.context);
      return;
    case 'attachments':
      composer.setAttachments(message.attachments);
      return;
    case 'totals':
      showTotals(message.totals);
      return;
    case 'turnNotice':
      transcript.notice(message.turnId, message.notice);
      return;
    case 'turnAdded':
      // Sending from the composer while the list is open: back to the conversation.
      if (message.turn.role === 'user') history.close();
      transcript.addTurn(message.turn);
      compact.setAvailable(true);
      return;
    case 'blockStarted':
      transcript.startBlock(message.turnId, message.index, message.block);
      return;
    case 'blockDeltas':
      transcript.queueDeltas(message.turnId, message.deltas);
      return;
    case 'blockStopped':
      transcript.stopBlock(message.turnId, message.index);
      return;
    case 'turnEnded':
      transcript.endTurn(message.turnId, message.status, message);
      return;
    case 'toolUpdate':
      transcript.updateTool(message.turnId, message.index, message.tool);
      return;
    case 'turnReverted':
      transcript.reverted(message.turnId, message.summary);
      return;
    case 'revertDeclined':
      transcript.revertDeclined(message.turnId, message.reason);
      return;
    case 'trust':
      showTrust(message.writesDisabledReason);
      return;
    case 'streaming':
      composer.setStreaming(message.streaming);
      compact.setStreaming(message.streaming);
      revertGate.setBusy(message.streaming);
      return;
    case 'apiKey':
      keyBanner.show(message.hasApiKey ? undefined : NO_KEY);
      return;
    case 'model':
      return;
    case 'preferences':
      setViewPreferences(message.preferences);
      return;
    case 'focusComposer':
      composer.focus();
      return;
    case 'options':
      composer.setOptions(message.options);
      return;
    case 'fileMatches':
      composer.showFileMatches(message.requestId, message.files);
      return;
    case 'sendRefused':
      composer.sendRefused(message.reason);
      return;
    case 'composerError':
      composer.showError(message.message);
      return;
    case 'compacted':
      transcript.addCompaction(message.compaction);
      return;
    case 'compacting':
      compact.setCompacting(message.active, message.result, message.detail);
      return;
  }
}

window.addEventListener('message', (event: MessageEvent<HostToWebview>) => handle(event.data));
postToHost({ type: 'ready' });
composer.focus();
