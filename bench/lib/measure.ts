// Wall time, peak memory and CPU profiles of one benchmark phase, plus the run's context (git version, load average)
// and reuse of a kept scratch database. Linux-specific where noted; falls back to sampling elsewhere.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { repoRoot } from './report.js';
import { ms, now } from './stats.js';

/** A full GC without --expose-gc on the command line (the flag is set at run time, `gc` taken from a fresh context). */
export const gc: () => void = (() => {
  v8.setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

function statusKiB(field: string): number | null {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** Resets the kernel's peak-RSS mark (VmHWM) of this process; false where that is not possible. */
function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return statusKiB('VmHWM') !== null;
  } catch {
    return false;
  }
}

export interface Measured<T> {
  value: T;
  ms: number;
  /** resident set size when the phase started (after a full GC) */
  startRss: number;
  /** peak RSS during the phase: the kernel's high-water mark (exact) where available, else sampled */
  peakRss: number;
  exactRss: boolean;
  /** heap in use when the phase started (after a full GC) */
  startHeap: number;
  /** peak V8 heap in use, sampled every 10 ms while the event loop is free (can miss the top of long synchronous work) */
  peakHeap: number;
}

/** Runs `fn` after a full GC, with the peak-RSS mark reset; returns its result, wall time and memory figures. */
export async function measure<T>(fn: () => Promise<T>): Promise<Measured<T>> {
  gc();
  const exactRss = resetPeakRss();
  const m0 = process.memoryUsage();
  let peakRss = m0.rss;
  let peakHeap = m0.heapUsed;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const timer = setInterval(sample, 10);
  const t0 = now();
  try {
    const value = await fn();
    const elapsed = ms(t0);
    sample();
    return { value, ms: elapsed, startRss: m0.rss, peakRss: exactRss ? (statusKiB('VmHWM') ?? peakRss) : peakRss, exactRss, startHeap: m0.heapUsed, peakHeap };
  } finally {
    clearInterval(timer);
  }
}

export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/** Runs `fn` under the V8 CPU profiler; writes the .cpuprofile (for Chrome DevTools) and returns the top self times. */
export async function profile<T>(file: string, fn: () => Promise<T>, top = 25): Promise<{ value: T; summary: string[] }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  try {
    const value = await fn();
    return { value, summary: await stop() };
  } catch (err) {
    await stop();
    throw err;
  }

  async function stop(): Promise<string[]> {
    const { profile: p } = (await session.post('Profiler.stop')) as { profile: CpuProfile };
    session.disconnect();
    writeFileSync(file, JSON.stringify(p));
    return selfTimes(p, top);
  }
}

/** The `top` functions of a CPU profile by self time: seconds, share, function and file:line. */
export function selfTimes(p: CpuProfile, top: number): string[] {
  const byNode = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  p.samples.forEach((id, i) => {
    const f = byNode.get(id)!.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*node_modules\//, '').replace(/^.*\/packages\//, '')}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (p.timeDeltas[i] ?? 0));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([k, v]) => `${(v / 1e6).toFixed(2).padStart(7)} s ${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`);
}

/** Which code was measured: the commit, and the uncommitted files under the given paths. */
export function codeVersion(paths: string[]): string {
  try {
    const git = (...a: string[]) => execFileSync('git', a, { cwd: repoRoot, encoding: 'utf8' }).replace(/\s+$/, '');
    const head = git('log', '-1', '--format=%h %cd %s', '--date=format:%Y-%m-%d %H:%M');
    const dirty = git('status', '--porcelain', '--', ...paths).split('\n').filter(Boolean);
    return `\`${head}\`${dirty.length ? `, plus uncommitted changes in ${dirty.map((l) => l.slice(3)).join(', ')}` : ''}`;
  } catch {
    return 'unknown (no git)';
  }
}

export const loadAverage = () => os.loadavg().map((l) => l.toFixed(2)).join(' / ');

