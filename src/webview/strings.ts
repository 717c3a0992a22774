// User-visible webview strings in one place, ready for vscode.l10n, grouped by component. Functions
// take the variable parts and put them into whole sentences ({0} placeholders), so a translation can
// reorder the words. test/unit/webviewStrings.test.ts fails on English left inline in other files.
import type { ErrorAction, ToolStatus } from '../shared/protocol';
import { t } from './l10n';

export const strings = {
  copy: t('Copy'),
  copied: t('Copied'),
  insertAtCursor: t('Insert at Cursor'),
  applyToFile: t('Apply to File'),
  codeActions: t('Code actions'),
  /** A markdown image is never loaded; it is shown as a link (or text) with this label. */
  image: (alt: string) => (alt ? t('Image: {0}', alt) : t('Image')),
  thinking: t('Thinking…'),
  thought: t('Thought'),
  thoughtRedacted: t('Thought (redacted)'),
  thinkingMeta: (seconds: number, tokens: string) => t('{0}s · ~{1} tokens', seconds, tokens),
  thoughtFor: (seconds: number) => t('for {0}s', seconds),
  approxTokens: (tokens: string) => t('~{0} tokens', tokens),
  composer: {
    input: t('Message Claude'),
    placeholder: t('Message Claude (Enter to send, Shift+Enter for a new line, @ to attach a file)'),
    form: t('Message composer'),
    send: t('Send'),
    sendTitle: t('Send (Enter)'),
    stop: t('Stop'),
    stopTitle: t('Stop (Escape)'),
    attachedRegion: t('Attached to the next message'),
    remove: (name: string) => t('Remove {0}', name),
    attachImage: t('Attach Image'),
  },
  filePicker: {
    label: t('Workspace files'),
    noMatches: t('No matching files'),
    searching: t('Searching…'),
    hint: t('↑↓ to choose, Enter to attach, Escape to close'),
  },
  images: {
    notAnImage: (name: string) => t('{0} is not an image Claude can read (PNG, JPEG, GIF or WebP).', name),
    tooLarge: (name: string, mb: number) => t('{0} is larger than {1} MB; pick a smaller image.', name, mb),
    unreadable: (name: string) => t('{0} could not be read as an image.', name),
    tooMany: (max: number) => t('At most {0} images can go with one message.', max),
    details: (width: number, height: number, tokens: string) => t('{0}×{1} · ~{2} tokens', width, height, tokens),
    thumbnail: (name: string) => t('Preview of {0}', name),
    pasted: t('pasted image'),
  },
  options: {
    model: t('Model'),
    thinking: t('Thinking'),
    adaptive: t('Adaptive thinking'),
    adaptiveEffort: (effort: string) => t('Adaptive thinking, {0} effort', effort),
    enabled: t('Thinking with a token budget'),
    off: t('No thinking'),
    offEffort: (effort: string) => t('No thinking, {0} effort', effort),
    enabledEffort: (effort: string) => t('Thinking with a budget, {0} effort', effort),
    efforts: { low: t('low'), medium: t('medium'), high: t('high'), xhigh: t('extra high'), max: t('max') } as Record<string, string>,
  },
  /** Labels of the next-action buttons under errors and banners, by protocol action. */
  actions: {
    setApiKey: t('Set API Key'),
    retry: t('Retry'),
    selectModel: t('Select Model'),
    newChat: t('New Chat'),
    openSettings: t('Open Settings'),
    showLog: t('Show Log'),
    continue: t('Continue'),
    manageTrust: t('Manage Workspace Trust'),
  } satisfies Record<ErrorAction, string>,
  alerts: {
    requestId: (id: string) => t('Request id: {0}', id),
  },
  panel: {
    noApiKey: t('No Anthropic API key is set. Set one to start chatting (it is kept in secret storage).'),
    usageRegion: t('Conversation usage'),
    /** The running total under the transcript; `cost` ends in "+" when some usage had no price. */
    totals: (tokens: string, cost: string) => t('This chat: {0} tokens · {1}', tokens, cost),
  },
  contextMeter: {
    label: t('Context window'),
    usage: (used: string, window: string, percent: string) => t('{0} of {1} tokens ({2}%)', used, window, percent),
    /** The same when the count is an estimate (no API usage yet for the latest content). */
    usageEstimated: (used: string, window: string, percent: string) => t('~{0} of {1} tokens ({2}%)', used, window, percent),
    title: (usage: string) => t('Context window: {0}', usage),
    short: (percent: string) => t('Context {0}%', percent),
  },
  compaction: {
    /** The summary block's <summary>; tests and screen readers look for it. */
    title: t('Earlier conversation summarized'),
    meta: (messages: number, model: string) => t('{0} messages · by {1}', messages, model),
    explain: t('Claude now sees this summary instead of the earlier messages; they stay in the chat above.'),
    button: t('Compact'),
    buttonLabel: t('Compact conversation'),
    buttonTitle: t('Summarize the earlier messages to free up the context window (recent messages stay in full)'),
    running: t('Summarizing earlier messages…'),
    summarized: t('Earlier messages summarized.'),
    trimmed: t('Old tool results were trimmed; the rest of the conversation is recent and stays in full.'),
    nothing: t('Nothing to compact yet: the conversation is no longer than the recent messages that are always kept.'),
    failed: (detail: string) => t('The summary could not be made ({0}). The conversation is unchanged.', detail),
  },
  history: {
    region: t('Conversation history'),
    heading: t('History'),
    close: t('Close history'),
    search: t('Search conversations'),
    list: t('Saved conversations'),
    empty: t('No saved conversations yet. Conversations are saved as you chat.'),
    noMatches: t('No conversation matches the search.'),
    /** A list item's accessible name. */
    item: (title: string, count: number, date: string) => t('{0}, {1} messages, updated {2}', title, count, date),
    meta: (count: number, date: string) => t('{0} messages · {1}', count, date),
    interrupted: t('interrupted'),
    current: t('open now'),
    open: (title: string) => t('Open {0}', title),
    rename: (title: string) => t('Rename {0}', title),
    renameInput: t('Conversation title'),
    export: (title: string) => t('Export {0} as Markdown', title),
    delete: (title: string) => t('Delete {0}', title),
    deleted: (title: string) => t('Deleted "{0}".', title),
    undo: t('Undo'),
    hint: t('↑↓ to move, Enter to open, F2 to rename, Delete to delete, Escape to close'),
  },
  transcript: {
    label: t('Conversation'),
    emptyTitle: t('Ask Claude anything about your code.'),
    emptyHint: t('Enter sends · Shift+Enter adds a line'),
    jumpToLatest: t('Jump to latest'),
  },
  turn: {
    /** Assistant turns' accessible names begin with this (the accessibility contract). */
    assistant: t('Claude'),
    assistantWithModel: (model: string) => t('Claude ({0})', model),
    user: t('You'),
    stopped: t('stopped'),
    revert: t('Revert this turn'),
    reverted: (summary: string) => t('Reverted: {0}.', summary),
    revertBusy: t('Nothing was reverted: wait until the response finishes, then try again.'),
  },
  /** The usage line under a turn: its parts are joined with " · ". */
  usage: {
    input: (tokens: string) => t('{0} in', tokens),
    inputWithCache: (tokens: string, cache: string) => t('{0} in ({1})', tokens, cache),
    cacheRead: (tokens: string) => t('{0} cache read', tokens),
    cacheWrite: (tokens: string) => t('{0} cache write', tokens),
    cacheReadWrite: (read: string, write: string) => t('{0} cache read, {1} cache write', read, write),
    output: (tokens: string) => t('{0} out', tokens),
    requests: (count: number) => t('{0} requests', count),
  },
  tools: {
    label: (name: string) => t('Tool: {0}', name),
    /** Shown as the name of a tool call that arrived without one. */
    unnamed: t('tool'),
    status: {
      pending: t('preparing…'),
      running: t('running…'),
      awaiting_approval: t('waiting for your approval'),
      done: t('done'),
      failed: t('failed'),
      declined: t('declined'),
      refused: t('refused'),
    } satisfies Record<ToolStatus, string>,
    result: t('Result'),
    approve: t('Approve'),
    reject: t('Reject'),
    showDiff: t('Show Diff'),
    /** While a write to a protected file waits: why it asks even with auto-approval on. */
    protectedFile: (reason: string) => t('Protected file: {0}', reason),
  },
  notices: {
    rateLimited: t('Rate limited (429)'),
    overloaded: (model: string) => t('{0} is overloaded (529)', model),
    apiFailed: (status: number) => t('The API failed ({0})', status),
    /** The retry line, shown: `why` is one of the three above; the seconds tick down. */
    retryingIn: (why: string, seconds: number, attempt: number, max: number) => t('{0}: retrying in {1} s (attempt {2} of {3})…', why, seconds, attempt, max),
    retryingInAbout: (why: string, seconds: number, attempt: number, max: number) => t('{0}: retrying in about {1} s (attempt {2} of {3})…', why, seconds, attempt, max),
    retryingNow: (why: string, attempt: number, max: number) => t('{0}: retrying now (attempt {1} of {2})…', why, attempt, max),
    /** The retry line as screen readers hear it, once (the ticking text is hidden from them). */
    retryingInSpoken: (why: string, seconds: number, attempt: number, max: number) => t('{0}: retrying in {1} seconds (attempt {2} of {3})…', why, seconds, attempt, max),
    retryingInAboutSpoken: (why: string, seconds: number, attempt: number, max: number) => t('{0}: retrying in about {1} seconds (attempt {2} of {3})…', why, seconds, attempt, max),
    answeredBy: (model: string, reason: string) => t('Answered by {0}: {1}.', model, reason),
    switchedFrom: (model: string, reason: string) => t('Switched from {0}: {1}.', model, reason),
  },
} as const;
