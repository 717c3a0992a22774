// "Earlier conversation summarized": a collapsed <details> in the transcript, right before the first turn
// still sent in full, holding the summary Claude now reads instead of the messages above it.
import type { CompactionSnapshot } from '../shared/protocol';
import { h, icon } from './dom';
import { renderMarkdown } from './markdown';
import { strings } from './strings';
import './compaction.css';

export function compactionBlock(compaction: CompactionSnapshot): HTMLDetailsElement {
  const body = h('div', { class: 'block-content compaction-text markdown' });
  const el = h(
    'details',
    { class: 'compaction', 'data-compaction-id': compaction.id },
    h('summary', {}, icon('fold'), ' ', h('span', { class: 'compaction-title' }, strings.compaction.title), h('span', { class: 'compaction-meta' }, ` · ${strings.compaction.meta(compaction.messages, compaction.model)}`)),
    h('p', { class: 'compaction-explain' }, strings.compaction.explain),
    body,
  );
  // Markdown renders on first open: most summaries are never read.
  el.addEventListener('toggle', () => body.replaceChildren(renderMarkdown(compaction.summary)), { once: true });
  return el;
}
