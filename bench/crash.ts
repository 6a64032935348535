// `npm run bench -- crash`: the crash soak (issue #14). BENCH_CYCLES (default 20) kill cycles against the real server
// on the embedded store and then on PostgreSQL (a scratch database from DATABASE_URL, default
// postgres://postgres@127.0.0.1:5432/test): a 20,000-row import commit and concurrent writes, `kill -9` at a seeded
// random moment (every 5th cycle during the daily jobs at start; on the embedded store half of the kills take the
// postmaster too, as a power cut would), restart on the same data, every acknowledged write checked, the audit
// chain verified. Any failure stops the run with its cycle. Figures go to the "crash" section of docs/benchmarks.md.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCrashCycles, type CycleResult } from '../packages/server/test/crashCycles.js';
import { createScratchDatabase } from './lib/pg.js';
import { codeVersion, loadAverage } from './lib/measure.js';
import { machineInfo, machineLine, writeSection } from './lib/report.js';
import { mdTable, seconds } from './lib/stats.js';

export const description = 'kill -9 cycles (import commit, concurrent writes, daily jobs) on the embedded store and PostgreSQL';

const CYCLES = Number(process.env.BENCH_CYCLES ?? 20);
const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 20_000);
const SEED = Number(process.env.BENCH_SEED ?? 14);

export async function run(): Promise<void> {
  const started = Date.now();
  const loadBefore = loadAverage();
  const code = codeVersion(['packages/server/src', 'packages/server/test/crashCycles.ts', 'bench/crash.ts']);
  const stores: { name: string; results: CycleResult[]; ms: number }[] = [];
  for (const store of ['embedded', 'postgres'] as const) {
    const dataDir = mkdtempSync(path.join(tmpdir(), `anjian-bench-crash-${store}-`));
    const scratch = store === 'postgres' ? await createScratchDatabase('anjian_bench_crash') : null;
    const t0 = Date.now();
    try {
      console.log(`\n== ${store === 'embedded' ? '内嵌 PostgreSQL' : 'PostgreSQL'}：${CYCLES} 轮`);
      const results = await runCrashCycles({ dataDir, databaseUrl: scratch?.url, cycles: CYCLES, seed: SEED, importRows: ROWS, nightlyEvery: 5, log: (l) => console.log(l) });
      stores.push({ name: store, results, ms: Date.now() - t0 });
    } finally {
      await scratch?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const head = ['store', 'cycles reopened', 'killed during import commit / daily jobs', 'postmaster killed too', 'acknowledged writes checked', 'reopen time (median / max)', 'audit entries verified (last cycle)', 'run time'];
  const rows = stores.map(({ name, results, ms }) => {
    const reopen = results.map((r) => r.reopenMs).sort((a, b) => a - b);
    return [
      name === 'embedded' ? 'embedded (DATA_DIR/postgres)' : 'PostgreSQL (DATABASE_URL)',
      `${results.length}/${CYCLES}`,
      `${results.filter((r) => r.phase === 'import commit').length} / ${results.filter((r) => r.phase === 'daily jobs').length}`,
      String(results.filter((r) => r.postmasterKilled).length),
      `${results.reduce((a, r) => a + r.acknowledged, 0)} (all present)`,
      `${seconds(reopen[Math.floor(reopen.length / 2)]!)} / ${seconds(reopen.at(-1)!)}`,
      String(results.at(-1)?.auditChecked ?? 0),
      seconds(ms),
    ];
  });
  const table = mdTable(head, rows);
  console.log(`\n${table}`);
  const machine = machineInfo('PostgreSQL 18.4 (embedded) and the server of DATABASE_URL');
  writeSection(
    'crash',
    [
      '## crash',
      '',
      `- Date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      `- Machine: ${machineLine(machine)}`,
      `- Load average (1/5/15 min): ${loadBefore} at start, ${loadAverage()} at end (shared machine)`,
      `- Code measured: ${code}`,
      `- Command: \`flock /tmp/bench.lock npm run bench -- crash\` (BENCH_CYCLES=${CYCLES}, BENCH_IMPORT_ROWS=${ROWS}, BENCH_SEED=${SEED}); whole run ${seconds(Date.now() - started)}`,
      '',
      'Each cycle (packages/server/test/crashCycles.ts, the same code as the crash test of `npm test`): the real server (`main.ts`',
      `in a child process) commits an import of ${ROWS.toLocaleString('en')} enterprises while two writers edit enterprises and add officers, recording`,
      'every 2xx; `kill -9` of the server at a seeded random moment 0–6 s after the commit was accepted (every 5th cycle instead 0–1.5 s after',
      'a restart, while the daily jobs run); on the embedded store half of the kills also `kill -9` the postmaster (a power cut: PostgreSQL',
      "replays its WAL), otherwise the next start adopts the orphaned server. Then: restart on the same data, every acknowledged",
      'write read back through the API, `GET /api/audit/verify` ok.',
      '',
      table,
      '',
    ].join('\n'),
  );
  console.log('docs/benchmarks.md updated (section "crash")');
}
