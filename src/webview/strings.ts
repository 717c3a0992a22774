// User-visible strings of the chat webview, in one place so they can be handed to vscode.l10n later.
// Plain English strings, or small functions where a number or name goes into the sentence.
export const strings = {
  copy: 'Copy',
  copied: 'Copied',
  insertAtCursor: 'Insert at Cursor',
  applyToFile: 'Apply to File',
  codeActions: 'Code actions',
  /** A markdown image is never loaded; it is shown as a link (or text) with this label. */
  image: (alt: string) => (alt ? `Image: ${alt}` : 'Image'),
  thinking: 'Thinking…',
  thought: 'Thought',
  thoughtRedacted: 'Thought (redacted)',
  thinkingMeta: (seconds: number, tokens: string) => `${seconds}s · ~${tokens} tokens`,
  thoughtFor: (seconds: number) => `for ${seconds}s`,
  approxTokens: (tokens: string) => `~${tokens} tokens`,
} as const;
