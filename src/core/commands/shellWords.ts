// Turns a parsed shell word into the text bash would pass as argv, when that text is fixed before the
// command runs: quotes and backslashes are resolved (`r''m`, `"r"m` and `\rm` are all `rm`). A word with
// an expansion (`$X`, `$(…)`, `$'…'`, `{a,b}`, globs in the command name) is dynamic: the approval can
// only know it when it runs, so a dynamic command name asks.
import { type ShNode, boolField, children, nodeType, sourceOf, stringField, walkNodes } from './shellParse';

export interface ResolvedWord {
  /** The argv text when static; the source text otherwise. */
  readonly text: string;
  readonly isStatic: boolean;
  /** Nodes of `$(…)`, backticks and `<(…)`/`>(…)` inside the word, to be judged too. */
  readonly substitutions: readonly ShNode[];
}

/** Removes backslash escapes from an unquoted literal (a backslash-newline joins lines). */
function unescapeUnquoted(value: string): string {
  return value.replace(/\\(\n|[\s\S])/g, (_, c: string) => (c === '\n' ? '' : c));
}

/** Inside double quotes a backslash escapes only $ ` " \ and newline. */
function unescapeDoubleQuoted(value: string): string {
  return value.replace(/\\([$`"\\\n])/g, (_, c: string) => (c === '\n' ? '' : c));
}

/** Brace expansion (`{a,b}`, `{1..3}`) changes the words bash runs. */
const BRACE_EXPANSION = /\{[^{}]*(,|\.\.)[^{}]*\}/;

export function resolveWord(source: Buffer, word: ShNode): ResolvedWord {
  let text = '';
  let isStatic = true;
  const substitutions: ShNode[] = [];
  const dynamic = (part: ShNode) => {
    isStatic = false;
    collectSubstitutions(part, substitutions);
  };
  for (const part of children(word, 'Parts')) {
    switch (nodeType(part)) {
      case 'Lit': {
        const value = stringField(part, 'Value');
        if (BRACE_EXPANSION.test(value)) isStatic = false;
        text += unescapeUnquoted(value);
        break;
      }
      case 'SglQuoted':
        // $'…' decodes escapes (`$'\x72m'` is rm): dynamic rather than decoded here.
        if (boolField(part, 'Dollar')) isStatic = false;
        text += stringField(part, 'Value');
        break;
      case 'DblQuoted':
        if (boolField(part, 'Dollar')) isStatic = false;
        for (const inner of children(part, 'Parts')) {
          if (nodeType(inner) === 'Lit') text += unescapeDoubleQuoted(stringField(inner, 'Value'));
          else {
            dynamic(inner);
            text += sourceOf(source, inner);
          }
        }
        break;
      default:
        dynamic(part);
        text += sourceOf(source, part);
    }
  }
  return { text: isStatic ? text : sourceOf(source, word), isStatic, substitutions };
}

/** The `$(…)`, backtick and process-substitution nodes anywhere under `node` (outermost only). */
export function collectSubstitutions(node: ShNode, into: ShNode[]): void {
  walkNodes(node, (n) => {
    const type = nodeType(n);
    if (type !== 'CmdSubst' && type !== 'ProcSubst') return true;
    into.push(n);
    return false;
  });
}
