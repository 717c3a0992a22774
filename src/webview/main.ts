// Chat webview entry: builds the panel, says `ready`, then applies what the host sends.
import type { HostToWebview } from '../shared/protocol';
import './chat.css';
import { actionButton } from './alerts';
import { Composer } from './composer';
import { h } from './dom';
import { TranscriptView } from './transcriptView';
import { postToHost } from './vscodeApi';

const transcript = new TranscriptView();
const composer = new Composer();
const keyBanner = h(
  'div',
  { class: 'banner', role: 'status', hidden: true },
  h('span', {}, 'No Anthropic API key is set. Set one to start chatting (it is kept in secret storage).'),
  actionButton('setApiKey', true),
);

document.getElementById('app')?.append(keyBanner, transcript.el, composer.el);

function handle(message: HostToWebview): void {
  switch (message.type) {
    case 'snapshot':
      keyBanner.hidden = message.chat.hasApiKey;
      transcript.reset(message.chat.turns);
      composer.setStreaming(message.chat.streaming);
      return;
    case 'turnAdded':
      transcript.addTurn(message.turn);
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
      transcript.endTurn(message.turnId, message.status, message.model, message.usage, message.error);
      return;
    case 'streaming':
      composer.setStreaming(message.streaming);
      return;
    case 'apiKey':
      keyBanner.hidden = message.hasApiKey;
      return;
    case 'model':
      return;
    case 'focusComposer':
      composer.focus();
      return;
  }
}

window.addEventListener('message', (event: MessageEvent<HostToWebview>) => handle(event.data));
postToHost({ type: 'ready' });
composer.focus();
