// One JSON line per request in a LogOutputChannel. Never the API key; never message content.
import * as vscode from 'vscode';
import type { RequestRecord } from '../core/chat/chatSession';

export class RequestLog implements vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;

  constructor() {
    this.channel = vscode.window.createOutputChannel('Claude Companion', { log: true });
  }

  record = (record: RequestRecord): void => {
    const line = JSON.stringify({ time: new Date(record.startedAt).toISOString(), ...record, startedAt: undefined });
    try {
      if (record.outcome === 'error') this.channel.warn(line);
      else this.channel.info(line);
    } catch {
      // The channel may already be closed during extension host shutdown.
    }
  };

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
