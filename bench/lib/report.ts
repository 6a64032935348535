// docs/benchmarks.md: one "## <name>" section per benchmark, replaced in place on each run so the
// other benchmarks' sections stay as they are.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const reportFile = path.join(repoRoot, 'docs/benchmarks.md');

const HEADER = `# Benchmarks

Performance benchmarks on generated provincial-scale data (\`bench/\`, \`npm run bench -- <name>\`). Every figure is
measured next to a plain-\`pg\` baseline run in the same process against the same database, so the ratio shows what the
application adds on top of PostgreSQL. Each section is rewritten by its benchmark; the others are kept.
`;

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  postgres: string;
  os: string;
}

export function machineInfo(postgresVersion: string): Machine {
  return {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: os.totalmem() / 1024 ** 3,
    // the V8 flags the benchmark runs with (package.json: the same as `npm start` gives the server)
    node: [process.version, ...process.execArgv.filter((a) => a.startsWith('--max-'))].join(' '),
    postgres: postgresVersion,
    os: `${os.type()} ${os.release()}`,
  };
}

export function machineLine(m: Machine): string {
  return `${m.cpus} CPU (nproc; ${m.cpuModel}), ${m.memoryGiB.toFixed(1)} GiB RAM, ${m.os}, Node ${m.node}`;
}

/** Replaces (or appends) the "## name" section of docs/benchmarks.md with `body` (which starts with that heading). */
export function writeSection(name: string, body: string): void {
  const text = existsSync(reportFile) ? readFileSync(reportFile, 'utf8') : HEADER;
  const lines = text.split('\n');
  const heading = `## ${name}`;
  const start = lines.findIndex((l) => l.trim() === heading);
  let out: string[];
  if (start < 0) {
    out = [...trimEnd(lines), '', ...body.trimEnd().split('\n'), ''];
  } else {
    let end = lines.findIndex((l, i) => i > start && /^## /.test(l));
    if (end < 0) end = lines.length;
    const after = lines.slice(end);
    out = [...lines.slice(0, start), ...body.trimEnd().split('\n'), ...(after.length ? ['', ...after] : [''])];
  }
  writeFileSync(reportFile, out.join('\n').replace(/\n{3,}/g, '\n\n'));
}

function trimEnd(lines: string[]): string[] {
  const out = [...lines];
  while (out.length && out[out.length - 1]!.trim() === '') out.pop();
  return out;
}
