// Which code-block actions change a file. A leaf module: the extension bundle imports it at runtime,
// so it must not pull the tools (applyTarget does) out of the lazily loaded engine.

/** The code-block actions that change a file: refused in Restricted Mode (Copy is always allowed). */
export function needsTrustedWorkspace(action: string): boolean {
  return action !== 'copy';
}
