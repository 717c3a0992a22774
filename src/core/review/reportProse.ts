// Turns the `report_findings` input into Markdown for the chat, while it streams: each finding as a
// numbered entry (severity, lines, title, detail, suggested fix), then the closing summary. Only
// finished parts are shown, except the text being written (detail, suggestion, summary), so the
// output grows by appending; if a model writes fields out of order, the stream notices and the final
// text replaces what was shown.
import { isComplete, parsePartialJson, type JsonPath, type PartialJson } from './partialJson';

const LABELS: Record<string, string> = { critical: 'Critical', warning: 'Warning', info: 'Info' };

export interface ProseOptions {
  /** Code-fence language for suggestions, e.g. 'typescript'. */
  readonly languageId?: string;
}

/** Markdown for a (possibly partial) report; `parsed.open` marks what is still being written. */
export function renderReport(parsed: PartialJson, opts: ProseOptions = {}): string {
  const done = (path: JsonPath) => isComplete(parsed, path);
  const report = asObject(parsed.value);
  if (!report) return '';
  let out = '';
  const findings = Array.isArray(report['findings']) ? report['findings'] : undefined;
  for (const [i, raw] of (findings ?? []).entries()) {
    const f = asObject(raw);
    const at = (key: string): JsonPath => ['findings', i, key];
    const whole = done(['findings', i]);
    if (!f) break;
    const ready = (key: string) => f[key] !== undefined && done(at(key));
    const headerKnown = ready('severity') && ready('line') && ready('title') && (f['endLine'] === undefined || ready('endLine'));
    if (!headerKnown || (f['detail'] === undefined && !whole)) break;
    out += `**${i + 1}. ${LABELS[String(f['severity'])] ?? String(f['severity'])}** · ${linesLabel(f['line'], f['endLine'])} · ${oneLine(String(f['title']))}\n\n`;
    if (typeof f['detail'] === 'string') {
      out += f['detail'];
      if (!done(at('detail'))) return out;
      out += '\n\n';
    }
    if (typeof f['suggestion'] === 'string') {
      const fence = fenceFor(f['suggestion']);
      out += `Suggested fix:\n\n${fence}${opts.languageId ?? ''}\n${f['suggestion']}`;
      if (!done(at('suggestion'))) return out;
      out += `\n${fence}\n\n`;
    }
    if (!whole) return out;
  }
  // The summary closes the report: shown once the findings are complete (or absent from a finished report).
  const findingsDone = findings ? done(['findings']) : parsed.open === undefined;
  const summary = report['summary'];
  if (findingsDone && typeof summary === 'string') {
    if (summary.trim()) out += `**Summary.** ${summary}`;
    else if (findings?.length === 0 && done(['summary'])) out += 'No findings.';
  }
  return out;
}

function linesLabel(line: unknown, endLine: unknown): string {
  return typeof endLine === 'number' && endLine !== line ? `lines ${String(line)}–${endLine}` : `line ${String(line)}`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function fenceFor(code: string): string {
  const longest = Math.max(0, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(Math.max(3, longest + 1));
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Feeds tool-input JSON deltas and says what text to append to the chat. */
export class ReportProseStream {
  private json = '';
  private shown = '';
  private diverged = false;

  constructor(private readonly opts: ProseOptions = {}) {}

  /** The text shown so far. */
  get text(): string {
    return this.shown;
  }

  /** Adds a JSON delta; returns the text to append (often ''). Malformed JSON shows nothing more. */
  push(partialJson: string): string {
    this.json += partialJson;
    let parsed: PartialJson;
    try {
      parsed = parsePartialJson(this.json);
    } catch {
      return '';
    }
    return this.advance(renderReport(parsed, this.opts));
  }

  /**
   * The final text for the complete input. `append` extends what was shown; when the streamed text
   * cannot be extended into it (fields out of order), `replace` is true and `text` must replace it.
   */
  finish(input: unknown): { readonly text: string; readonly append: string; readonly replace: boolean } {
    const text = renderReport({ value: input }, this.opts);
    const append = this.advance(text);
    return { text, append, replace: this.diverged };
  }

  private advance(rendered: string): string {
    if (this.diverged) return '';
    if (!rendered.startsWith(this.shown)) {
      this.diverged = true;
      return '';
    }
    const add = rendered.slice(this.shown.length);
    this.shown = rendered;
    return add;
  }
}
