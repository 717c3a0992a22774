// The row under the message box: the model and one "Thinking" select that combines the thinking mode
// with the effort level (Adaptive / Adaptive, high effort / … / No thinking), so one choice says how
// hard Claude works on the next message. Changes go to the host, which writes the user's settings
// and echoes the new options back.
import type { ComposerOptions, Effort, ThinkingMode } from '../shared/protocol';
import { h } from './dom';
import { strings } from './strings';
import { postToHost } from './vscodeApi';

type EffortChoice = Effort | 'default';

const value = (thinking: ThinkingMode, effort: EffortChoice) => `${thinking}:${effort}`;

function label(thinking: ThinkingMode, effort: EffortChoice): string {
  const o = strings.options;
  const e = effort === 'default' ? '' : (o.efforts[effort] ?? effort);
  switch (thinking) {
    case 'adaptive':
      return e ? o.adaptiveEffort(e) : o.adaptive;
    case 'enabled':
      return e ? o.enabledEffort(e) : o.enabled;
    case 'off':
      return e ? o.offEffort(e) : o.off;
  }
}

export class ComposerOptionsView {
  readonly el: HTMLElement;
  private readonly model: HTMLSelectElement;
  private readonly thinking: HTMLSelectElement;
  private options: ComposerOptions | undefined;
  private modelsRequested = false;

  constructor(...leading: HTMLElement[]) {
    this.model = h('select', { class: 'composer-select', 'aria-label': strings.options.model, title: strings.options.model });
    this.thinking = h('select', { class: 'composer-select', 'aria-label': strings.options.thinking, title: strings.options.thinking });
    this.el = h('div', { class: 'composer-options' }, ...leading, this.model, this.thinking);
    this.model.disabled = true;
    this.thinking.disabled = true;
    // The API's model list is fetched only once someone looks at the select.
    const wantModels = () => {
      if (this.modelsRequested) return;
      this.modelsRequested = true;
      postToHost({ type: 'loadModels' });
    };
    this.model.addEventListener('focus', wantModels);
    this.model.addEventListener('pointerdown', wantModels);
    this.model.addEventListener('change', () => {
      if (this.options && this.model.value !== this.options.model) postToHost({ type: 'setModel', model: this.model.value });
    });
    this.thinking.addEventListener('change', () => {
      const current = this.options;
      if (!current) return;
      const [thinking, effort] = this.thinking.value.split(':') as [ThinkingMode, EffortChoice];
      if (thinking !== current.thinking) postToHost({ type: 'setThinking', thinking });
      if (effort !== current.effort) postToHost({ type: 'setEffort', effort });
    });
  }

  set(options: ComposerOptions): void {
    this.options = options;
    this.model.disabled = false;
    this.thinking.disabled = false;
    this.model.replaceChildren(...options.models.map((m) => h('option', { value: m.id, title: m.id }, m.label)));
    this.model.value = options.model;

    const choices: [ThinkingMode, EffortChoice][] = [['adaptive', 'default'], ...options.efforts.map((e): [ThinkingMode, EffortChoice] => ['adaptive', e]), ['enabled', 'default'], ['off', 'default']];
    // Whatever the settings hold is shown truthfully, even a combination the list does not offer.
    if (!choices.some(([t, e]) => t === options.thinking && e === options.effort)) choices.push([options.thinking, options.effort]);
    this.thinking.replaceChildren(...choices.map(([t, e]) => h('option', { value: value(t, e) }, label(t, e))));
    this.thinking.value = value(options.thinking, options.effort);
  }
}
