// The shell parser behind run_command's approval: mvdan/sh (the parser of shfmt) compiled to JavaScript
// (npm `mvdan-sh`), a real parser, so `&&`, pipes, quotes, substitutions and here-docs split exactly as bash
// splits them. It ships as dist/shellParser.js beside engine.js (esbuild.js) and is required on first use,
// not at engine load: it is 1.3 MB and evaluating it costs tens of milliseconds.
// sh-syntax (the same parser as WebAssembly) was tried first: its AST export stops at statement spans
// (a command is only `{Pos, End}`), so it cannot be walked.

/** A node of mvdan/sh's syntax tree; fields are read through the accessors below. */
export interface ShNode {
  readonly [field: string]: unknown;
}

interface ShPos {
  Offset(): number;
}

interface MvdanSyntax {
  NewParser(): { Parse(src: string, name: string): ShNode };
  NodeType(node: ShNode): string;
  Walk(node: ShNode, visit: (node: ShNode | null) => boolean): void;
}

let syntax: MvdanSyntax | undefined;
let parser: { Parse(src: string, name: string): ShNode } | undefined;

function loadSyntax(): MvdanSyntax {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  syntax ??= (require('mvdan-sh') as { syntax: MvdanSyntax }).syntax;
  return syntax;
}

/** Thrown when the text is not a complete bash command line. */
export class ShellParseError extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = 'ShellParseError';
  }
}

/** Parses bash source into a File node; throws ShellParseError. */
export function parseShell(source: string): ShNode {
  try {
    // One parser for every call: it resets itself on each Parse.
    parser ??= loadSyntax().NewParser();
    return parser.Parse(source, 'command');
  } catch (error) {
    // GopherJS throws Go errors as objects with an Error() method.
    const goError = error as { Error?: () => string };
    throw new ShellParseError(typeof goError.Error === 'function' ? goError.Error() : String(error));
  }
}

export const nodeType = (node: ShNode): string => loadSyntax().NodeType(node);

/** Every node under `node` (itself included), depth first; `visit` returns false to skip a node's children. */
export function walkNodes(node: ShNode, visit: (node: ShNode) => boolean): void {
  loadSyntax().Walk(node, (n) => (n ? visit(n) : true));
}

export function child(node: ShNode, field: string): ShNode | null {
  const value = node[field];
  return value && typeof value === 'object' ? (value as ShNode) : null;
}

export function children(node: ShNode, field: string): ShNode[] {
  const value = node[field];
  return Array.isArray(value) ? (value as ShNode[]) : [];
}

export const stringField = (node: ShNode, field: string): string => (typeof node[field] === 'string' ? (node[field] as string) : '');
export const numberField = (node: ShNode, field: string): number => (typeof node[field] === 'number' ? (node[field] as number) : -1);
export const boolField = (node: ShNode, field: string): boolean => node[field] === true;

/** Byte offsets of a node (mvdan/sh counts UTF-8 bytes). */
export function span(node: ShNode): { start: number; end: number } {
  const pos = node.Pos as () => ShPos;
  const end = node.End as () => ShPos;
  return { start: pos.call(node).Offset(), end: end.call(node).Offset() };
}

/** Source text of a node. */
export function sourceOf(source: Buffer, node: ShNode): string {
  const { start, end } = span(node);
  return source.subarray(start, end).toString('utf8');
}

/** Operator codes of mvdan/sh v3 (syntax/tokens.go), as the parser reports them. */
export const Op = {
  and: 10,
  or: 11,
  pipe: 12,
  pipeAll: 13,
  rdrOut: 54,
  appOut: 55,
  rdrIn: 56,
  rdrInOut: 57,
  dplIn: 58,
  dplOut: 59,
  clbOut: 60,
  hdoc: 61,
  dashHdoc: 62,
  wordHdoc: 63,
  rdrAll: 64,
  appAll: 65,
} as const;
