// User-visible webview strings in one place, ready for vscode.l10n. Functions take the variable parts.
export const strings = {
  composer: {
    attachedRegion: 'Attached to the next message',
    remove: (name: string) => `Remove ${name}`,
    attachImage: 'Attach Image',
  },
  filePicker: {
    label: 'Workspace files',
    noMatches: 'No matching files',
    searching: 'Searching…',
    hint: '↑↓ to choose, Enter to attach, Escape to close',
  },
  images: {
    notAnImage: (name: string) => `${name} is not an image Claude can read (PNG, JPEG, GIF or WebP).`,
    tooLarge: (name: string, mb: number) => `${name} is larger than ${mb} MB; pick a smaller image.`,
    unreadable: (name: string) => `${name} could not be read as an image.`,
    tooMany: (max: number) => `At most ${max} images can go with one message.`,
    details: (width: number, height: number, tokens: string) => `${width}×${height} · ~${tokens} tokens`,
    thumbnail: (name: string) => `Preview of ${name}`,
    pasted: 'pasted image',
  },
  options: {
    model: 'Model',
    thinking: 'Thinking',
    adaptive: 'Adaptive thinking',
    adaptiveEffort: (effort: string) => `Adaptive thinking, ${effort} effort`,
    enabled: 'Thinking with a token budget',
    off: 'No thinking',
    offEffort: (effort: string) => `No thinking, ${effort} effort`,
    enabledEffort: (effort: string) => `Thinking with a budget, ${effort} effort`,
    efforts: { low: 'low', medium: 'medium', high: 'high', xhigh: 'extra high', max: 'max' } as Record<string, string>,
  },
} as const;
