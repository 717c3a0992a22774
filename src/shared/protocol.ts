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
  /** A protected file (settings, instructions, ignore rules…): why this write always asks. */
  readonly protectedReason?: string;
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

/** The composer's model and reasoning controls. */
export interface ComposerOptions {
  readonly model: string;
  readonly models: readonly ModelChoice[];
  readonly thinking: ThinkingMode;
  /** 'default' leaves effort to the model. */
  readonly effort: Effort | 'default';
  /** Effort levels the current model accepts, lowest first. */
  readonly efforts: readonly Effort[];
}

export type ThinkingMode = 'adaptive' | 'enabled' | 'off';
export type Effort = 'low' | 'medium' | 'high' | 'xhigh' | 'max';

export interface ModelChoice {
  readonly id: string;
  readonly label: string;
  readonly contextWindow: number;
}

/** How full the model's context window is, after the latest request (or estimated before one). */
export interface ContextMeter {
  readonly usedTokens: number;
  readonly windowTokens: number;
  /** True when `usedTokens` is an estimate rather than the API's count. */
  readonly estimated: boolean;
}

/** Panel preferences from settings. */
export interface ViewPreferences {
  /** Whether a finished thinking block stays expanded (`chat.thinkingExpanded`). */
  readonly thinkingExpanded: boolean;
}

/** An image the webview has already downscaled, ready to go into an image content block. */
export interface ImageUpload {
  readonly name: string;
  readonly mediaType: 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';
  /** Base64, no data: prefix. */
  readonly data: string;
  readonly width: number;
  readonly height: number;
}

/** A workspace file offered by the `@` picker. */
export interface FileMatch {
  readonly path: string;
  /** Indices into `path` that matched the query, for highlighting. */
  readonly matches: readonly number[];
}

/** What a code block's toolbar asks the host to do with the block's code. */
export type CodeAction = 'copy' | 'insert' | 'apply';

/** A summary that stands in for the oldest messages in what is sent ("Earlier conversation summarized"). */
export interface CompactionSnapshot {
  readonly id: string;
  readonly summary: string;
  /** How many of the oldest API messages it stands for. */
  readonly messages: number;
  /** The model that wrote it. */
  readonly model: string;
  /** The first turn still sent in full; the block is shown right before it. */
  readonly beforeTurnId?: string;
}

export type CompactResult = 'summarized' | 'trimmed' | 'nothing' | 'failed';
/** One saved conversation in the history list. */
export interface HistoryEntry {
  readonly id: string;
  readonly title: string;
  /** Epoch milliseconds. */
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly messageCount: number;
  /** The start of its latest message. */
  readonly preview: string;
  /** Its last answer never finished. */
  readonly interrupted?: boolean;
}

/** The history list (it replaces the transcript in the panel until closed). */
export interface HistoryState {
  /** Newest first. */
  readonly entries: readonly HistoryEntry[];
  /** The conversation open in the panel, once it is saved. */
  readonly currentId?: string;
  /** The latest delete, which Undo brings back. */
  readonly undo?: { readonly token: string; readonly title: string };
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
  readonly options?: ComposerOptions;
  readonly context?: ContextMeter;
  readonly preferences?: ViewPreferences;
  readonly compactions?: readonly CompactionSnapshot[];
  /** Show the history list (asked for while the panel was not loaded); without it the list closes. */
  readonly history?: HistoryState;
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
  /** "Revert this turn" changed nothing: the user chose Cancel, or a turn or compaction was running. */
  | { readonly type: 'revertDeclined'; readonly turnId: string; readonly reason: 'cancelled' | 'busy' }
  | { readonly type: 'trust'; readonly writesDisabledReason?: string }
  | { readonly type: 'attachments'; readonly attachments: readonly AttachmentChip[] }
  | { readonly type: 'turnNotice'; readonly turnId: string; readonly notice: TurnNotice }
  | { readonly type: 'totals'; readonly totals: UsageSnapshot }
  | { readonly type: 'streaming'; readonly streaming: boolean }
  | { readonly type: 'apiKey'; readonly hasApiKey: boolean }
  | { readonly type: 'model'; readonly model: string }
  | { readonly type: 'focusComposer' }
  | { readonly type: 'options'; readonly options: ComposerOptions }
  | { readonly type: 'context'; readonly context: ContextMeter }
  | { readonly type: 'preferences'; readonly preferences: ViewPreferences }
  | { readonly type: 'fileMatches'; readonly requestId: number; readonly files: readonly FileMatch[] }
  /** The last `send` was not accepted (e.g. an image the API would refuse); the panel restores the draft. */
  | { readonly type: 'sendRefused'; readonly reason: string }
  /** Something the composer asked for could not be done (a file that cannot be attached, a bad model id). */
  | { readonly type: 'composerError'; readonly message: string }
  /** Older messages were summarized. */
  | { readonly type: 'compacted'; readonly compaction: CompactionSnapshot }
  /**
   * A summary is being written (`active`), or compacting ended. After a manual compaction `result` says
   * how it went (the panel words it); `detail` is the error behind a `failed`.
   */
  | { readonly type: 'compacting'; readonly active: boolean; readonly result?: CompactResult; readonly detail?: string }
  /** Show (or refresh) the history list. */
  | { readonly type: 'history'; readonly history: HistoryState };

export type WebviewToHost =
  | { readonly type: 'ready' }
  | { readonly type: 'send'; readonly text: string; readonly images?: readonly ImageUpload[] }
  | { readonly type: 'stop' }
  | { readonly type: 'newChat' }
  | { readonly type: 'action'; readonly action: ErrorAction }
  | { readonly type: 'approval'; readonly toolUseId: string; readonly approved: boolean }
  | { readonly type: 'openDiff'; readonly toolUseId: string }
  | { readonly type: 'revertTurn'; readonly turnId: string }
  | { readonly type: 'removeAttachment'; readonly id: string }
  | { readonly type: 'openLink'; readonly href: string }
  | { readonly type: 'codeAction'; readonly action: CodeAction; readonly code: string; readonly language?: string; readonly path?: string }
  | { readonly type: 'searchFiles'; readonly requestId: number; readonly query: string }
  | { readonly type: 'attachFile'; readonly path: string }
  /** The model select got focus: time to fetch the API's model list (never fetched unasked). */
  | { readonly type: 'loadModels' }
  | { readonly type: 'setModel'; readonly model: string }
  | { readonly type: 'setThinking'; readonly thinking: ThinkingMode }
  | { readonly type: 'setEffort'; readonly effort: Effort | 'default' }
  /** Summarize older messages now (the button by the context meter). */
  | { readonly type: 'compact' }
  | { readonly type: 'historyOpen'; readonly id: string }
  | { readonly type: 'historyDelete'; readonly id: string }
  | { readonly type: 'historyUndo'; readonly token: string }
  | { readonly type: 'historyRename'; readonly id: string; readonly title: string }
  | { readonly type: 'historyExport'; readonly id: string };

type Field = 'string' | 'number' | 'boolean' | 'string?';
/** Field shapes per message type: what a message from the (untrusted) webview must have. */
const SHAPES: { readonly [K in WebviewToHost['type']]: Readonly<Record<string, Field>> } = {
  ready: {},
  send: { text: 'string' },
  stop: {},
  newChat: {},
  action: { action: 'string' },
  approval: { toolUseId: 'string', approved: 'boolean' },
  openDiff: { toolUseId: 'string' },
  revertTurn: { turnId: 'string' },
  removeAttachment: { id: 'string' },
  openLink: { href: 'string' },
  codeAction: { action: 'string', code: 'string', language: 'string?', path: 'string?' },
  searchFiles: { requestId: 'number', query: 'string' },
  attachFile: { path: 'string' },
  loadModels: {},
  setModel: { model: 'string' },
  setThinking: { thinking: 'string' },
  setEffort: { effort: 'string' },
  compact: {},
  historyOpen: { id: 'string' },
  historyDelete: { id: 'string' },
  historyUndo: { token: 'string' },
  historyRename: { id: 'string', title: 'string' },
  historyExport: { id: 'string' },
};

const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

function isImageUpload(value: unknown): value is ImageUpload {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['name'] === 'string' && IMAGE_TYPES.has(v['mediaType'] as string) && typeof v['data'] === 'string' && typeof v['width'] === 'number' && typeof v['height'] === 'number';
}

export function isWebviewToHost(value: unknown): value is WebviewToHost {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const type = v['type'];
  if (typeof type !== 'string' || !Object.hasOwn(SHAPES, type)) return false;
  const shape = SHAPES[type as WebviewToHost['type']];
  for (const [key, field] of Object.entries(shape)) {
    const actual = v[key];
    if (field === 'string?' ? actual !== undefined && typeof actual !== 'string' : typeof actual !== field) return false;
  }
  if (type === 'send' && v['images'] !== undefined && !(Array.isArray(v['images']) && v['images'].every(isImageUpload))) return false;
  return true;
}
