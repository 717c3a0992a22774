// User-visible webview strings in one place, ready for vscode.l10n. Functions take the variable parts.
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
} as const;
