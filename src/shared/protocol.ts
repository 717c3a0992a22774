// The one typed protocol between the extension host and the chat webview. Both bundles import it.
// The host owns conversation state: it sends a snapshot when the webview says `ready`, then only deltas.

/** What the user can do about an error. Each maps to a button in the alert. */
export type ErrorAction = 'setApiKey' | 'retry' | 'selectModel' | 'newChat' | 'openSettings' | 'showLog' | 'continue' | 'manageTrust';

export interface ErrorInfo {
  /** Stable machine-readable kind, e.g. 'authentication', 'overloaded', 'connection'. */
  readonly kind: string;
  /** One line, what happened. */
  readonly title: string;
  /** What to do next, in words. */
  readonly detail: string;
  readonly actions: readonly ErrorAction[];
  readonly status?: number;
  readonly requestId?: string;
}

export type BlockKind = 'text' | 'thinking' | 'redacted_thinking' | 'tool_use';

export type ToolStatus = 'pending' | 'running' | 'awaiting_approval' | 'done' | 'failed' | 'declined' | 'refused';

/** A tool call's state as the panel shows it on the tool card. */
export interface ToolState {
  readonly toolUseId: string;
  readonly status: ToolStatus;
  /** One line: what the call did or why it failed. */
  readonly summary?: string;
  /** The result text sent to the model (capped), shown on demand. */
  readonly result?: string;
  /** True when a diff can be shown (writes). */
  readonly hasDiff?: boolean;
}

export interface BlockSnapshot {
  readonly kind: BlockKind;
  /** For tool_use blocks: the input JSON as it streamed. */
  readonly text: string;
  readonly done: boolean;
  /** For tool_use blocks. */
  readonly toolName?: string;
  readonly tool?: ToolState;
}

/** A chip in the composer for context attached to the next message. */
export interface AttachmentChip {
  readonly id: string;
  readonly label: string;
}

/** Why a turn ended, when the user should know: max_tokens (Continue), limits, refusal… */
export interface EndNotice {
  readonly reason: string;
  readonly text: string;
  readonly actions: readonly ErrorAction[];
}

export interface UsageSnapshot {
  readonly requests: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cacheReadTokens: number;
  readonly cacheWriteTokens: number;
  readonly thinkingTokens: number;
  /** US$; a lower bound when `costComplete` is false (a model without a known price was used). */
  readonly costUsd: number;
  readonly costComplete: boolean;
}

/** Something the user should see while a turn is in flight. */
export type TurnNotice =
  | {
      readonly kind: 'retrying';
      readonly model: string;
      readonly attempt: number;
      readonly maxRetries: number;
      readonly status: number;
      /** How long until the retry; the webview counts down from when it receives this. */
      readonly delayMs: number;
      /** False when the wait is the SDK's backoff (an upper bound), true when the server said so. */
      readonly serverSaid: boolean;
    }
  | { readonly kind: 'fallback'; readonly from: string; readonly to: string; readonly reason: string };

export type TurnStatus = 'streaming' | 'done' | 'stopped' | 'error';

export interface TurnSnapshot {
  readonly id: string;
  readonly role: 'user' | 'assistant';
  readonly blocks: readonly BlockSnapshot[];
  readonly status: TurnStatus;
  readonly model?: string;
  readonly stopReason?: string | null;
  readonly usage?: UsageSnapshot;
  readonly error?: ErrorInfo;
  /** Set when another model answered; says which one failed and why. */
  readonly fallback?: { readonly from: string; readonly reason: string };
  readonly endNotice?: EndNotice;
  /** The turn changed files and they can be restored ("Revert this turn"). */
  readonly canRevert?: boolean;
}

export interface ChatSnapshot {
  readonly turns: readonly TurnSnapshot[];
  readonly streaming: boolean;
  readonly hasApiKey: boolean;
  readonly model: string;
  readonly totals: UsageSnapshot;
  readonly attachments: readonly AttachmentChip[];
  /** Why writes are unavailable (Restricted Mode), if they are. */
  readonly writesDisabledReason?: string;
}

/** Coalesced stream content for one block of one turn: `text` is appended to what the block holds. */
export interface BlockDelta {
  readonly index: number;
  readonly text: string;
}

export type HostToWebview =
  | { readonly type: 'snapshot'; readonly chat: ChatSnapshot }
  | { readonly type: 'turnAdded'; readonly turn: TurnSnapshot }
  | { readonly type: 'blockStarted'; readonly turnId: string; readonly index: number; readonly block: BlockSnapshot }
  | { readonly type: 'blockDeltas'; readonly turnId: string; readonly deltas: readonly BlockDelta[] }
  | { readonly type: 'blockStopped'; readonly turnId: string; readonly index: number }
  | {
      readonly type: 'turnEnded';
      readonly turnId: string;
      readonly status: TurnStatus;
      readonly model?: string;
      readonly stopReason?: string | null;
      readonly usage?: UsageSnapshot;
      readonly error?: ErrorInfo;
      readonly fallback?: { readonly from: string; readonly reason: string };
      readonly endNotice?: EndNotice;
      readonly canRevert?: boolean;
    }
  | { readonly type: 'toolUpdate'; readonly turnId: string; readonly index: number; readonly tool: ToolState }
  | { readonly type: 'turnReverted'; readonly turnId: string; readonly summary: string }
  | { readonly type: 'trust'; readonly writesDisabledReason?: string }
  | { readonly type: 'attachments'; readonly attachments: readonly AttachmentChip[] }
  | { readonly type: 'turnNotice'; readonly turnId: string; readonly notice: TurnNotice }
  | { readonly type: 'totals'; readonly totals: UsageSnapshot }
  | { readonly type: 'streaming'; readonly streaming: boolean }
  | { readonly type: 'apiKey'; readonly hasApiKey: boolean }
  | { readonly type: 'model'; readonly model: string }
  | { readonly type: 'focusComposer' };

export type WebviewToHost =
  | { readonly type: 'ready' }
  | { readonly type: 'send'; readonly text: string }
  | { readonly type: 'stop' }
  | { readonly type: 'newChat' }
  | { readonly type: 'action'; readonly action: ErrorAction }
  | { readonly type: 'approval'; readonly toolUseId: string; readonly approved: boolean }
  | { readonly type: 'openDiff'; readonly toolUseId: string }
  | { readonly type: 'revertTurn'; readonly turnId: string }
  | { readonly type: 'removeAttachment'; readonly id: string };

export function isWebviewToHost(value: unknown): value is WebviewToHost {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { type?: unknown; text?: unknown; action?: unknown };
  switch (v.type) {
    case 'ready':
    case 'stop':
    case 'newChat':
      return true;
    case 'send':
      return typeof v.text === 'string';
    case 'action':
      return typeof v.action === 'string';
    case 'approval':
      return typeof (value as { toolUseId?: unknown }).toolUseId === 'string' && typeof (value as { approved?: unknown }).approved === 'boolean';
    case 'openDiff':
      return typeof (value as { toolUseId?: unknown }).toolUseId === 'string';
    case 'revertTurn':
      return typeof (value as { turnId?: unknown }).turnId === 'string';
    case 'removeAttachment':
      return typeof (value as { id?: unknown }).id === 'string';
    default:
      return false;
  }
}
