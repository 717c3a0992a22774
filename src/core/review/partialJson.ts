// Parses a prefix of a JSON document (a tool input while it streams) into what it holds so far, and
// says which value was still open when the text ran out, so callers show only finished parts.

export type JsonPath = readonly (string | number)[];

export interface PartialJson {
  /** The value so far; undefined when nothing has been parsed yet. */
  readonly value: unknown;
  /** Path of the innermost value still open at the end of the text (its parents are open too). */
  readonly open?: JsonPath;
}

const NONE = Symbol('none');

export function parsePartialJson(text: string): PartialJson {
  const p = new PartialParser(text);
  const value = p.parseValue([]);
  return { value: value === NONE ? undefined : value, ...(p.open ? { open: p.open } : {}) };
}

/** True when the value at `path` was complete (not on the open path). */
export function isComplete(parsed: PartialJson, path: JsonPath): boolean {
  const open = parsed.open;
  if (!open || path.length > open.length) return true;
  return !path.every((key, i) => open[i] === key);
}

class PartialParser {
  private i = 0;
  open: JsonPath | undefined;

  constructor(private readonly s: string) {}

  private ended(path: JsonPath): boolean {
    this.skipWs();
    if (this.i < this.s.length) return false;
    this.open ??= path;
    return true;
  }

  private skipWs(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i]!)) this.i++;
  }

  parseValue(path: JsonPath): unknown {
    if (this.ended(path)) return NONE;
    const c = this.s[this.i]!;
    if (c === '{') return this.parseObject(path);
    if (c === '[') return this.parseArray(path);
    if (c === '"') return this.parseString(path);
    if (c === '-' || (c >= '0' && c <= '9')) return this.parseNumber(path);
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.s.startsWith(word, this.i)) {
        this.i += word.length;
        return value;
      }
      if (word.startsWith(this.s.slice(this.i))) {
        this.i = this.s.length;
        this.open ??= path;
        return NONE;
      }
    }
    throw new SyntaxError(`Unexpected ${JSON.stringify(c)} at ${this.i}`);
  }

  private parseObject(path: JsonPath): Record<string, unknown> {
    const obj: Record<string, unknown> = {};
    this.i++;
    for (;;) {
      if (this.ended(path)) return obj;
      if (this.s[this.i] === '}') {
        this.i++;
        return obj;
      }
      if (this.s[this.i] === ',') {
        this.i++;
        continue;
      }
      const key = this.parseString(path);
      if (this.open) return obj; // the key itself was cut off
      if (this.ended(path)) return obj;
      if (this.s[this.i] !== ':') throw new SyntaxError(`Expected ":" at ${this.i}`);
      this.i++;
      const value = this.parseValue([...path, key]);
      if (value !== NONE) obj[key] = value;
      if (this.open) return obj;
    }
  }

  private parseArray(path: JsonPath): unknown[] {
    const arr: unknown[] = [];
    this.i++;
    for (;;) {
      if (this.ended(path)) return arr;
      if (this.s[this.i] === ']') {
        this.i++;
        return arr;
      }
      if (this.s[this.i] === ',') {
        this.i++;
        continue;
      }
      const value = this.parseValue([...path, arr.length]);
      if (value !== NONE) arr.push(value);
      if (this.open) return arr;
    }
  }

  private parseString(path: JsonPath): string {
    if (this.s[this.i] !== '"') throw new SyntaxError(`Expected a string at ${this.i}`);
    let out = '';
    for (this.i++; this.i < this.s.length; this.i++) {
      const c = this.s[this.i]!;
      if (c === '"') {
        this.i++;
        return out;
      }
      if (c !== '\\') {
        out += c;
        continue;
      }
      const escaped = this.readEscape();
      if (escaped === undefined) break; // cut off inside an escape
      out += escaped;
    }
    this.i = this.s.length;
    this.open ??= path;
    return out;
  }

  /** At a backslash: returns the character and leaves `i` on the escape's last character. */
  private readEscape(): string | undefined {
    const next = this.s[this.i + 1];
    if (next === undefined) return undefined;
    if (next === 'u') {
      const hex = this.s.slice(this.i + 2, this.i + 6);
      if (hex.length < 4) return undefined;
      this.i += 5;
      return String.fromCharCode(parseInt(hex, 16));
    }
    this.i += 1;
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '"': '"', '\\': '\\', '/': '/' };
    return simple[next] ?? next;
  }

  private parseNumber(path: JsonPath): number {
    const m = /^-?\d*(?:\.\d*)?(?:[eE][+-]?\d*)?/.exec(this.s.slice(this.i))!;
    this.i += m[0].length;
    // A number that reaches the end of the text may still grow.
    if (this.i >= this.s.length) this.open ??= path;
    const n = Number(m[0]);
    return Number.isFinite(n) ? n : 0;
  }
}
