// Hosts the chat webview: ready handshake, snapshot on (re)load, deltas afterwards, actions routed to commands.
import * as vscode from 'vscode';
import type { ChatSession } from '../core/chat/chatSession';
import { whenSettled } from '../core/log';
import { isWebviewToHost, type ChatSnapshot, type ErrorAction, type HostToWebview, type WebviewToHost } from '../shared/protocol';
import { chatHtml } from './chatHtml';

export const CHAT_VIEW_ID = 'claudeCompanion.chat';

const ACTION_COMMANDS: Record<Exclude<ErrorAction, 'retry' | 'newChat' | 'continue'>, readonly [string, ...unknown[]]> = {
  setApiKey: ['claudeCompanion.setApiKey'],
  selectModel: ['claudeCompanion.selectModel'],
  openSettings: ['workbench.action.openSettings', '@ext:claude-companion.claude-companion'],
  showLog: ['claudeCompanion.showLog'],
  manageTrust: ['workbench.trust.manage'],
};

/** What the panel can ask of the write-approval flow. */
export interface ApprovalControls {
  /** Only a proposal the panel shows as a tool card, and only once (see ApprovalRequests). */
  decideFromPanel(toolUseId: string, approved: boolean): boolean;
  showDiff(toolUseId: string): Promise<boolean>;
}

type MessageType = WebviewToHost['type'];
type MessageOf<T extends MessageType> = Extract<WebviewToHost, { type: T }>;
/** Messages that features (code blocks, the composer's pickers…) handle through `on`. */
type FeatureMessageType = Exclude<MessageType, 'ready' | 'send' | 'stop' | 'newChat' | 'action' | 'approval' | 'openDiff' | 'revertTurn' | 'removeAttachment'>;

export class ChatViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private readonly handlers = new Map<MessageType, (message: never) => unknown>();
  private readonly snapshotParts: (() => Partial<ChatSnapshot>)[] = [];
  private readonly snapshotGates: Promise<unknown>[] = [];
  private view: vscode.WebviewView | undefined;
  private ready = false;
  private session: ChatSession | undefined;

  constructor(
    private readonly assets: vscode.Uri,
    private readonly approvals: ApprovalControls,
    /** Called when the panel opens: a message is likely soon, so warm up the client meanwhile. */
    private readonly onOpened: () => void = () => undefined,
  ) {}

  /** The session is created after the provider because it posts through it. */
  attach(session: ChatSession): void {
    this.session = session;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.ready = false;
    view.webview.options = { enableScripts: true, localResourceRoots: [this.assets] };
    view.webview.html = chatHtml(view.webview, this.assets, { language: vscode.env.language, ...(vscode.l10n.bundle ? { bundle: vscode.l10n.bundle } : {}) });
    this.onOpened();
    const listeners = [
      view.webview.onDidReceiveMessage((message: unknown) => {
        if (isWebviewToHost(message)) void this.onMessage(message);
      }),
    ];
    listeners.push(
      view.onDidDispose(() => {
        for (const l of listeners) l.dispose();
        if (this.view === view) {
          this.view = undefined;
          this.ready = false;
        }
      }),
    );
  }

  /** Lets a feature handle one kind of webview message, keeping this class about the view itself. */
  on<T extends FeatureMessageType>(type: T, handler: (message: MessageOf<T>) => unknown): vscode.Disposable {
    this.handlers.set(type, handler as (message: never) => unknown);
    return new vscode.Disposable(() => this.handlers.delete(type));
  }

  /** Lets a feature add its own fields (composer options, preferences…) to every snapshot. */
  addSnapshotPart(part: () => Partial<ChatSnapshot>): void {
    this.snapshotParts.push(part);
  }

  /** Holds snapshots back until `gate` settles (at most 3 s), e.g. while the open conversation is restored. */
  delaySnapshots(gate: Promise<unknown>): void {
    // Only waits: whoever made the gate reports its failure (registerHistory logs a failed restore).
    this.snapshotGates.push(Promise.race([whenSettled(gate), new Promise((r) => setTimeout(r, 3000))]));
  }

  /**
   * Posts to the live webview; false when it is not ready (the message is dropped: the next `ready` gets
   * a full snapshot).
   */
  post = (message: HostToWebview): boolean => {
    if (!this.view || !this.ready) return false;
    void this.view.webview.postMessage(message);
    return true;
  };

  async sendSnapshot(): Promise<void> {
    await Promise.all(this.snapshotGates);
    if (!this.session || !this.view || !this.ready) return;
    const chat: ChatSnapshot = Object.assign({}, await this.session.snapshot(), ...this.snapshotParts.map((part) => part()));
    this.post({ type: 'snapshot', chat });
  }

  async reveal(): Promise<void> {
    await vscode.commands.executeCommand(`${CHAT_VIEW_ID}.focus`);
    this.post({ type: 'focusComposer' });
  }

  private async onMessage(message: WebviewToHost): Promise<void> {
    const session = this.session;
    if (!session) return;
    switch (message.type) {
      case 'ready':
        this.ready = true;
        await this.sendSnapshot();
        return;
      case 'send':
        await session.send(message.text, message.images);
        return;
      case 'stop':
        session.stop();
        return;
      case 'newChat':
        session.newChat();
        await this.sendSnapshot();
        return;
      case 'action':
        await this.runAction(session, message.action);
        return;
      case 'approval':
        this.approvals.decideFromPanel(message.toolUseId, message.approved);
        return;
      case 'openDiff':
        await this.approvals.showDiff(message.toolUseId);
        return;
      case 'revertTurn':
        await session.revertTurn(message.turnId);
        return;
      case 'removeAttachment':
        session.removeAttachment(message.id);
        return;
      default:
        await (this.handlers.get(message.type) as ((m: WebviewToHost) => unknown) | undefined)?.(message);
    }
  }

  private async runAction(session: ChatSession, action: ErrorAction): Promise<void> {
    if (action === 'retry') return session.retry();
    if (action === 'continue') return session.send('Continue.');
    if (action === 'newChat') {
      session.newChat();
      return this.sendSnapshot();
    }
    const [command, ...args] = ACTION_COMMANDS[action];
    await vscode.commands.executeCommand(command, ...args);
  }

  dispose(): void {
    this.session?.stop();
    this.view = undefined;
  }
}
