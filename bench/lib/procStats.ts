// Process figures for the benchmarks, Linux /proc based (falls back to sampling where /proc is missing): peak RSS of
// this process over a phase, CPU time of this process, of a child and of PostgreSQL's server processes.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { selfTimes, type CpuProfile } from './measure.js';

/** A full GC without --expose-gc on the command line (the flag is set at run time, `gc` taken from a fresh context). */
export const fullGc: () => void = (() => {
  v8.setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

function statusBytes(pid: number | 'self', field: string): number | null {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/**
 * Peak RSS of this process over a phase: the kernel's high-water mark (VmHWM), reset at start, where possible; else
 * RSS sampled every 20 ms.
 */
export class PeakRss {
  private exact: boolean;
  private sampled: number;
  private timer: NodeJS.Timeout | null = null;
  readonly start: number;

  constructor() {
    fullGc();
    this.start = process.memoryUsage.rss();
    try {
      writeFileSync('/proc/self/clear_refs', '5');
      this.exact = statusBytes('self', 'VmHWM') !== null;
    } catch {
      this.exact = false;
    }
    this.sampled = this.start;
    this.timer = setInterval(() => (this.sampled = Math.max(this.sampled, process.memoryUsage.rss())), 20);
    this.timer.unref();
  }

  get isExact(): boolean {
    return this.exact;
  }

  /** The peak so far (the phase keeps running) — stop() ends the sampling. */
  peak(): number {
    this.sampled = Math.max(this.sampled, process.memoryUsage.rss());
    return this.exact ? Math.max(statusBytes('self', 'VmHWM') ?? 0, this.sampled) : this.sampled;
  }

  stop(): number {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    return this.peak();
  }
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** utime + stime of a process in ms, null if it is gone or /proc is missing. */
export function cpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * TICK_MS; // fields 14 and 15 of the whole line
  } catch {
    return null;
  }
}

/** The PostgreSQL server processes on this machine (postmaster, its background workers and backends). */
export function postgresPids(): number[] {
  try {
    return readdirSync('/proc')
      .filter((d) => /^\d+$/.test(d))
      .map(Number)
      .filter((pid) => {
        try {
          const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
          return cmd.startsWith('postgres') || cmd.includes('/bin/postgres');
        } catch {
          return false;
        }
      });
  } catch {
    return [];
  }
}

/** CPU ms of a set of processes, per pid: processes that started during the phase count from 0. */
export function cpuSnapshot(pids: number[]): Map<number, number> {
  const m = new Map<number, number>();
  for (const pid of pids) {
    const c = cpuMs(pid);
    if (c !== null) m.set(pid, c);
  }
  return m;
}

export function cpuDelta(before: Map<number, number>, after: Map<number, number>): number {
  let sum = 0;
  for (const [pid, c] of after) sum += c - (before.get(pid) ?? 0);
  return sum;
}

/** This process's CPU time (user + system) in ms since `from` (process.cpuUsage()). */
export function selfCpuMs(from: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1000;
}

/** Runs `fn` under the V8 CPU profiler of this process; writes the .cpuprofile and returns the top self times. */
export async function withCpuProfile<T>(file: string, fn: () => Promise<T>, top = 25): Promise<{ value: T; summary: string[] }> {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  let value: T;
  let profile: CpuProfile;
  try {
    value = await fn();
  } finally {
    profile = ((await session.post('Profiler.stop')) as { profile: CpuProfile }).profile;
    session.disconnect();
    writeFileSync(file, JSON.stringify(profile));
  }
  const summary = selfTimes(profile, top);
  return { value, summary };
}
