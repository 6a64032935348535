/** The fields whose values differ, as {before, after} subsets; null when nothing changed. */
export function changedFields<T extends Record<string, unknown>>(
  before: T,
  patch: Partial<T>,
): { before: Partial<T>; after: Partial<T> } | null {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  let any = false;
  for (const key of Object.keys(patch) as (keyof T)[]) {
    const next = patch[key];
    if (next === undefined) continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(next)) {
      b[key] = before[key];
      a[key] = next;
      any = true;
    }
  }
  return any ? { before: b, after: a } : null;
}

/** Shanghai calendar date (YYYY-MM-DD) of an instant: business dates are Asia/Shanghai dates. */
export function shanghaiDate(d: Date = new Date()): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
