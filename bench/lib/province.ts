// The generated province the benchmarks measure against, loaded into their empty scratch database.
import { sql } from 'drizzle-orm';
import { generateProvince } from '@anjian/domain';
import type { Database } from '../../packages/server/src/db/client.js';
import { shanghaiDate } from '../../packages/server/src/lib/diff.js';
import { loadEnterprises, loadOfficers, seedIfEmpty } from '../../packages/server/src/seed/load.js';
import { int, ms, now } from './stats.js';

/** onProgress for loadEnterprises: a line every `every` rows and at `total`, with the rate since this call. */
export function progressLog(total: number, every: number): (n: number) => void {
  const t = now();
  let reported = 0;
  return (n) => {
    if (n - reported >= every || n === total) {
      reported = n;
      console.log(`  loaded ${int(n)} enterprises, ${int(n / (ms(t) / 1000))} rows/s`);
    }
  };
}

/**
 * The agency tree and admin account (seedIfEmpty, no demo data), then the generator's officers and enterprises without
 * audit entries. Credentials lie around today, as in the demo: the draw and entering a site check today's validity.
 */
export async function loadProvince(database: Database, opts: { seed: number; provinceCode: string; enterprises: number; officers: number; adminPassword: string; every: number }): Promise<void> {
  await seedIfEmpty(database, { demo: false, enterprises: 0, adminPassword: opts.adminPassword, provinceCode: opts.provinceCode, seed: opts.seed });
  const agencies = await database.rows<{ id: number; region_code: string }>(sql`select id, region_code from agencies`);
  const agencyIds = new Map(agencies.map((r) => [r.region_code, Number(r.id)]));
  const gen = generateProvince({ seed: opts.seed, enterprises: opts.enterprises, officers: opts.officers, provinceCode: opts.provinceCode, today: shanghaiDate() });
  await loadOfficers(database, gen, agencyIds, { audit: false });
  await loadEnterprises(database, gen, agencyIds, { audit: false, onProgress: progressLog(opts.enterprises, opts.every) });
}
