// Shared by the process suites: whether a pid still runs anything.
import { readFileSync } from 'node:fs';

/** The shell the suites run commands in. */
export const bash = { path: '/bin/bash', args: ['-c'] };

/** Running and not a zombie (a reaped-late zombie runs nothing; PID 1 here may not reap it). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
}
