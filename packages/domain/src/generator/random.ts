// Small seeded PRNG (mulberry32): the same seed gives the same sequence on every machine,
// which demo data, tests and benchmarks rely on.
export interface Rng {
  next(): number; // [0, 1)
  int(min: number, maxInclusive: number): number;
  pick<T>(list: readonly T[]): T;
  weighted<T extends string>(weights: Readonly<Record<T, number>>): T;
  chance(p: number): boolean;
}

export function createRng(seed: number | string): Rng {
  let a = typeof seed === 'number' ? seed >>> 0 : hashString(seed);
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (list) => list[Math.floor(next() * list.length)]!,
    weighted: (weights) => {
      const entries = Object.entries(weights) as [string, number][];
      const total = entries.reduce((s, [, w]) => s + w, 0);
      let x = next() * total;
      for (const [k, w] of entries) {
        x -= w;
        if (x < 0) return k as never;
      }
      return entries[entries.length - 1]![0] as never;
    },
    chance: (p) => next() < p,
  };
}

export function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}
