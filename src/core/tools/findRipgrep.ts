// Where VS Code keeps its bundled ripgrep, relative to vscode.env.appRoot. The layout has moved between
// releases (and between asar and unpacked builds), so probe each known place.
import * as path from 'node:path';

export function ripgrepCandidates(appRoot: string, platform: NodeJS.Platform = process.platform, arch: string = process.arch): string[] {
  const p = platform === 'win32' ? path.win32 : path.posix;
  const exe = platform === 'win32' ? 'rg.exe' : 'rg';
  const out: string[] = [];
  for (const modules of ['node_modules', 'node_modules.asar.unpacked']) {
    out.push(p.join(appRoot, modules, '@vscode', 'ripgrep-universal', 'bin', `${platform}-${arch}`, exe));
    out.push(p.join(appRoot, modules, '@vscode', 'ripgrep', 'bin', exe));
  }
  return out;
}

/** The first candidate that exists, or undefined (use the fallback search then). */
export function findRipgrep(appRoot: string, exists: (p: string) => boolean, platform: NodeJS.Platform = process.platform, arch: string = process.arch): string | undefined {
  return ripgrepCandidates(appRoot, platform, arch).find((candidate) => {
    try {
      return exists(candidate);
    } catch {
      return false;
    }
  });
}
