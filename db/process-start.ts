// When a process started, to tell a lock's owner from a later process that was given the same pid. Linux:
// /proc/<pid>/stat field 22 (clock ticks since boot) and /proc/stat's btime. Elsewhere: null (unknown).
import { readFileSync } from 'node:fs';

/** The process's start time as /proc states it (clock ticks since boot), or null when it cannot be read. */
export function processStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid …": comm may contain spaces and parentheses, so split after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const start = fields[19]; // field 22 overall; fields[0] is field 3 (state)
    return start !== undefined && /^\d+$/.test(start) ? start : null;
  } catch {
    return null;
  }
}

/** Linux's USER_HZ: the unit of /proc start times (100 on every mainstream architecture). */
const TICKS_PER_SECOND = 100;

function bootTimeMs(): number | null {
  try {
    const m = /^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'));
    return m ? Number(m[1]) * 1000 : null;
  } catch {
    return null;
  }
}

/** True when process `pid` started clearly (over 2 s) after `timeMs`; false when unknown. */
export function startedAfter(pid: number, timeMs: number): boolean {
  const ticks = processStartTime(pid);
  const boot = bootTimeMs();
  if (ticks === null || boot === null) return false;
  return boot + (Number(ticks) * 1000) / TICKS_PER_SECOND > timeMs + 2000;
}
