// The history list: saved conversations, newest first, in place of the transcript until closed. A search
// box filters by title and latest message; each item opens, renames (inline), exports or deletes (with
// Undo). Keyboard: ↑/↓/Home/End move between items, Enter opens, F2 renames, Delete deletes, Escape closes.
import type { HistoryEntry, HistoryState } from '../shared/protocol';
import { h, icon } from './dom';
import './history.css';
import { strings } from './strings';
import { postToHost } from './vscodeApi';

const s = strings.history;

export class HistoryView {
  readonly el: HTMLElement;
  private readonly search: HTMLInputElement;
  private readonly list: HTMLElement;
  private readonly empty: HTMLElement;
  private readonly undoRow: HTMLElement;
  private state: HistoryState = { entries: [] };

  constructor(private readonly onClosed: () => void) {
    const close = h('button', { type: 'button', class: 'icon-button', 'aria-label': s.close, title: s.close }, icon('close'));
    close.addEventListener('click', () => this.close());
    this.search = h('input', { type: 'search', class: 'history-search', 'aria-label': s.search, placeholder: s.search });
    this.search.addEventListener('input', () => this.render());
    this.search.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowDown') {
        e.preventDefault();
        this.openButtons()[0]?.focus();
      } else if (e.key === 'Escape') {
        e.preventDefault();
        if (this.search.value) {
          this.search.value = '';
          this.render();
        } else {
          this.close();
        }
      }
    });
    this.list = h('ul', { role: 'list', class: 'history-list', 'aria-label': s.list });
    this.list.addEventListener('keydown', (e) => this.onListKey(e));
    this.empty = h('p', { class: 'history-empty', hidden: true });
    this.undoRow = h('div', { class: 'history-undo', role: 'status' });
    this.el = h(
      'section',
      { class: 'history', 'aria-label': s.region, hidden: true },
      h('div', { class: 'history-header' }, h('h2', {}, s.heading), close),
      this.search,
      h('p', { class: 'history-hint' }, s.hint),
      this.undoRow,
      this.empty,
      this.list,
    );
  }

  get isOpen(): boolean {
    return !this.el.hidden;
  }

  /** Shows the list (or refreshes it in place, keeping focus on the same conversation when it can). */
  show(state: HistoryState): void {
    const wasOpen = this.isOpen;
    const focusedId = (document.activeElement?.closest('[data-id]') as HTMLElement | null)?.dataset['id'];
    this.state = state;
    this.el.hidden = false;
    // Opened afresh: the whole list, not the last search.
    if (!wasOpen) this.search.value = '';
    this.render();
    this.renderUndo();
    if (!wasOpen) this.search.focus();
    else if (focusedId) this.focusItem(focusedId);
  }

  close(): void {
    if (!this.isOpen) return;
    this.el.hidden = true;
    this.onClosed();
  }

  private render(): void {
    const words = this.search.value.toLowerCase().split(/\s+/).filter(Boolean);
    const shown = this.state.entries.filter((e) => words.every((w) => `${e.title}\n${e.preview}`.toLowerCase().includes(w)));
    this.list.replaceChildren(...shown.map((e) => this.item(e)));
    this.empty.hidden = shown.length > 0;
    this.empty.textContent = this.state.entries.length === 0 ? s.empty : s.noMatches;
  }

  private renderUndo(): void {
    const undo = this.state.undo;
    if (!undo) {
      this.undoRow.replaceChildren();
      return;
    }
    const button = h('button', { type: 'button', class: 'button secondary' }, s.undo);
    button.addEventListener('click', () => {
      button.disabled = true;
      postToHost({ type: 'historyUndo', token: undo.token });
    });
    this.undoRow.replaceChildren(h('span', {}, s.deleted(undo.title)), ' ', button);
  }

  private item(entry: HistoryEntry): HTMLElement {
    const date = formatDate(entry.updatedAt);
    const current = entry.id === this.state.currentId;
    const title = h('span', { class: 'history-title' }, entry.title);
    const badges = [entry.interrupted ? s.interrupted : '', current ? s.current : ''].filter(Boolean).join(' · ');
    const open = h(
      'button',
      { type: 'button', class: 'history-open', 'aria-label': s.open(entry.title), 'aria-current': current ? 'true' : undefined },
      title,
      h('span', { class: 'history-meta' }, s.meta(entry.messageCount, date), badges ? ` · ${badges}` : ''),
      h('span', { class: 'history-preview' }, entry.preview),
    );
    open.addEventListener('click', () => this.openEntry(entry));
    const action = (name: string, label: string, run: () => void) => {
      const b = h('button', { type: 'button', class: 'icon-button', 'aria-label': label, title: label }, icon(name));
      b.addEventListener('click', run);
      return b;
    };
    const li = h(
      'li',
      { role: 'listitem', class: current ? 'history-item current' : 'history-item', 'aria-label': s.item(entry.title, entry.messageCount, date), 'data-id': entry.id },
      open,
      h(
        'div',
        { class: 'history-actions' },
        action('edit', s.rename(entry.title), () => this.rename(li, entry)),
        action('markdown', s.export(entry.title), () => postToHost({ type: 'historyExport', id: entry.id })),
        action('trash', s.delete(entry.title), () => this.delete(entry)),
      ),
    );
    return li;
  }

  private openEntry(entry: HistoryEntry): void {
    postToHost({ type: 'historyOpen', id: entry.id });
  }

  private delete(entry: HistoryEntry): void {
    // Focus moves to the next conversation (or the previous, or the search box) before the item goes.
    const items = [...this.list.children] as HTMLElement[];
    const at = items.findIndex((li) => li.dataset['id'] === entry.id);
    const neighbour = items[at + 1] ?? items[at - 1];
    const next = neighbour?.querySelector<HTMLElement>('.history-open');
    if (next) next.focus();
    else this.search.focus();
    items[at]?.remove();
    postToHost({ type: 'historyDelete', id: entry.id });
  }

  /** Inline rename: Enter saves, Escape (or leaving the box unchanged) cancels. */
  private rename(li: HTMLElement, entry: HistoryEntry): void {
    const input = h('input', { type: 'text', class: 'history-rename', 'aria-label': s.renameInput, value: entry.title });
    const open = li.querySelector('.history-open') as HTMLElement;
    open.hidden = true;
    li.prepend(input);
    input.select();
    input.focus();
    let done = false;
    const finish = (save: boolean) => {
      if (done) return;
      done = true;
      const title = input.value.trim();
      input.remove();
      open.hidden = false;
      open.focus();
      if (save && title && title !== entry.title) {
        (open.querySelector('.history-title') as HTMLElement).textContent = title;
        postToHost({ type: 'historyRename', id: entry.id, title });
      }
    };
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        finish(e.key === 'Enter');
      }
    });
    input.addEventListener('blur', () => finish(true));
  }

  private onListKey(e: KeyboardEvent): void {
    const target = e.target as HTMLElement;
    if (target.tagName === 'INPUT') return;
    const li = target.closest('li') as HTMLElement | null;
    const buttons = this.openButtons();
    const at = buttons.findIndex((b) => li?.contains(b));
    const move = (i: number) => buttons[Math.max(0, Math.min(buttons.length - 1, i))]?.focus();
    const entry = this.state.entries.find((x) => x.id === li?.dataset['id']);
    switch (e.key) {
      case 'ArrowDown':
        move(at + 1);
        break;
      case 'ArrowUp':
        if (at <= 0) this.search.focus();
        else move(at - 1);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(buttons.length - 1);
        break;
      case 'Delete':
        if (entry) this.delete(entry);
        break;
      case 'F2':
        if (entry && li) this.rename(li, entry);
        break;
      case 'Escape':
        this.close();
        break;
      default:
        return;
    }
    e.preventDefault();
  }

  private openButtons(): HTMLElement[] {
    return [...this.list.querySelectorAll<HTMLElement>('.history-open')];
  }

  private focusItem(id: string): void {
    (this.list.querySelector(`[data-id="${CSS.escape(id)}"] .history-open`) as HTMLElement | null)?.focus();
  }
}

function formatDate(epochMs: number): string {
  return new Date(epochMs).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
