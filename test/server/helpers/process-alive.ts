import { readFileSync } from 'node:fs';

/** Running, not a zombie (an orphan waits for whatever reaps here). Linux: reads /proc. */
export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}
