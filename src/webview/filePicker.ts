// The `@` file picker: typing `@` at the start of the box or after a space opens a list of workspace
// files matching what follows it. The textarea keeps focus and points at the active option with
// aria-activedescendant (it stays a textbox, so it keeps its contract role; aria-autocomplete="list"
// tells screen readers a list is attached). Up/Down move, Enter/Tab attach, Escape closes.
import type { FileMatch } from '../shared/protocol';
import { h } from './dom';
import { strings } from './strings';
import { postToHost } from './vscodeApi';

const DEBOUNCE_MS = 60;
const TRIGGER = /(?:^|\s)@([^\s@]*)$/;

let nextListId = 1;

export class FilePicker {
  readonly el: HTMLElement;
  private readonly list: HTMLElement;
  private readonly status: HTMLElement;
  private files: readonly FileMatch[] = [];
  private active = -1;
  /** Where the `@` is in the box while the picker is open. */
  private at: number | undefined;
  private requestId = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly idPrefix = `file-option-${nextListId++}`;

  constructor(private readonly input: HTMLTextAreaElement) {
    const listId = `${this.idPrefix}-list`;
    this.list = h('div', { id: listId, role: 'listbox', 'aria-label': strings.filePicker.label, class: 'file-picker-list' });
    this.status = h('div', { class: 'file-picker-status', role: 'status' });
    this.el = h('div', { class: 'file-picker', hidden: true }, this.list, this.status, h('div', { class: 'file-picker-hint', 'aria-hidden': 'true' }, strings.filePicker.hint));
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-controls', listId);
    input.setAttribute('aria-haspopup', 'listbox');
    input.addEventListener('input', () => this.update());
    input.addEventListener('click', () => this.update());
    input.addEventListener('blur', () => this.close());
    // Keep focus in the box when an option is clicked.
    this.list.addEventListener('mousedown', (e) => e.preventDefault());
  }

  get isOpen(): boolean {
    return this.at !== undefined;
  }

  /** Handles a key while the picker is open; true when it used the key. */
  handleKey(e: KeyboardEvent): boolean {
    if (!this.isOpen) return false;
    switch (e.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        if (this.files.length) this.setActive((this.active + (e.key === 'ArrowDown' ? 1 : -1) + this.files.length) % this.files.length);
        return true;
      case 'Enter':
      case 'Tab':
        if (e.shiftKey || this.active < 0) return false;
        this.pick(this.active);
        return true;
      case 'Escape':
        this.close();
        return true;
      default:
        return false;
    }
  }

  /** A reply from the host; replies to anything but the latest query are stale. */
  show(requestId: number, files: readonly FileMatch[]): void {
    if (requestId !== this.requestId || !this.isOpen) return;
    this.files = files;
    this.list.replaceChildren(...files.map((f, i) => this.option(f, i)));
    this.status.textContent = files.length ? '' : strings.filePicker.noMatches;
    this.setActive(files.length ? 0 : -1);
  }

  close(): void {
    clearTimeout(this.timer);
    this.at = undefined;
    this.requestId++;
    this.files = [];
    this.active = -1;
    this.el.hidden = true;
    this.list.replaceChildren();
    this.input.removeAttribute('aria-activedescendant');
  }

  /** Opens, follows or closes the picker for the text before the caret. */
  private update(): void {
    const caret = this.input.selectionStart;
    const match = caret === this.input.selectionEnd ? TRIGGER.exec(this.input.value.slice(0, caret)) : null;
    if (!match) {
      if (this.isOpen) this.close();
      return;
    }
    const query = match[1]!;
    this.at = caret - query.length - 1;
    if (this.el.hidden) {
      this.el.hidden = false;
      this.status.textContent = strings.filePicker.searching;
    }
    clearTimeout(this.timer);
    const requestId = ++this.requestId;
    this.timer = setTimeout(() => postToHost({ type: 'searchFiles', requestId, query }), DEBOUNCE_MS);
  }

  private option(file: FileMatch, index: number): HTMLElement {
    const hit = new Set(file.matches);
    const parts: (Node | string)[] = [];
    let run = '';
    let runHit = false;
    const flush = () => {
      if (run) parts.push(runHit ? h('b', {}, run) : run);
      run = '';
    };
    for (let i = 0; i < file.path.length; i++) {
      if (hit.has(i) !== runHit) {
        flush();
        runHit = hit.has(i);
      }
      run += file.path[i];
    }
    flush();
    const el = h('div', { id: `${this.idPrefix}-${index}`, role: 'option', 'aria-selected': 'false', 'aria-label': file.path, class: 'file-picker-option', title: file.path }, ...parts);
    el.addEventListener('click', () => this.pick(index));
    return el;
  }

  private setActive(index: number): void {
    this.active = index;
    for (const [i, el] of [...this.list.children].entries()) el.setAttribute('aria-selected', String(i === index));
    const el = index >= 0 ? this.list.children[index] : undefined;
    if (el) {
      this.input.setAttribute('aria-activedescendant', el.id);
      el.scrollIntoView({ block: 'nearest' });
    } else {
      this.input.removeAttribute('aria-activedescendant');
    }
  }

  /** Replaces `@query` with nothing and asks the host to attach the file. */
  private pick(index: number): void {
    const file = this.files[index];
    const at = this.at;
    if (!file || at === undefined) return;
    const caret = this.input.selectionStart;
    const value = this.input.value;
    this.input.value = value.slice(0, at) + value.slice(caret);
    this.input.setSelectionRange(at, at);
    this.close();
    postToHost({ type: 'attachFile', path: file.path });
  }
}
