// `npm run bench -- <name> [args]`: runs bench/<name>.ts, a module exporting `run(args)`.
// New benchmarks (planning, inspection, …) are added by dropping bench/<name>.ts next to registry.ts.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface BenchModule {
  /** one-line description for the usage text */
  description?: string;
  run(args: string[]): Promise<void>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .map((f) => f.slice(0, -3))
  .sort();

const [name, ...args] = process.argv.slice(2);
if (!name || name === '--help' || name === '-h' || !/^[a-z][a-z0-9-]*$/.test(name) || !existsSync(path.join(here, `${name}.ts`))) {
  if (name && name !== '--help' && name !== '-h') console.error(`未知的基准：${name}`);
  console.error(`用法：npm run bench -- <${available.join('|')}>`);
  process.exit(name && name !== '--help' && name !== '-h' ? 2 : 0);
}

const mod = (await import(pathToFileURL(path.join(here, `${name}.ts`)).href)) as BenchModule;
try {
  await mod.run(args);
  process.exit(0);
} catch (err) {
  console.error(err);
  process.exit(1);
}
