// The server's modules form a plain import graph: no module imports itself through others (a cycle makes load order
// decide what is initialised, and a dynamic import() hiding one is the same cycle, found later), and routes files are
// leaves that only the app imports.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

/** The local modules a file imports: static, type-only, re-exports and dynamic import() alike. */
export function localImports(file: string, text: string): string[] {
  const specs = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm)].map((m) => m[1]!);
  return specs.map((s) => path.resolve(path.dirname(file), s.replace(/\.js$/, '.ts')));
}

/** The cycles of a graph, each as the path that closes it (depth-first search). */
export function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string) => {
    state.set(n, 'open');
    stack.push(n);
    for (const m of graph.get(n) ?? []) {
      if (state.get(m) === 'open') found.push([...stack.slice(stack.indexOf(m)), m]);
      else if (!state.has(m)) visit(m);
    }
    stack.pop();
    state.set(n, 'done');
  };
  for (const n of graph.keys()) if (!state.has(n)) visit(n);
  return found;
}

describe('the server import graph', () => {
  it('has no cycles (static, type-only or dynamic imports)', () => {
    const graph = new Map(sources(src).map((f) => [f, localImports(f, readFileSync(f, 'utf8'))]));
    expect(cycles(graph).map((c) => c.map((f) => path.relative(src, f)).join(' → '))).toEqual([]);
  });

  it('only the app imports a routes file: services are imported, never routes', () => {
    const routesFile = (f: string) => /(?:^|[/\\])(?:routes|\w+Routes)\.ts$/.test(f);
    const offenders = sources(src)
      .filter((f) => path.relative(src, f) !== 'app.ts')
      .flatMap((f) => localImports(f, readFileSync(f, 'utf8')).filter(routesFile).map((to) => `${path.relative(src, f)} → ${path.relative(src, to)}`));
    expect(offenders).toEqual([]);
  });

  it('finds a cycle closed by a dynamic import, and none in a chain', () => {
    const a = '/x/a.ts';
    expect(localImports(a, `import { b } from './b.js';\nconst { c } = await import('./c.js');\nimport type { D } from '../d.js';`)).toEqual(['/x/b.ts', '/x/c.ts', '/d.ts']);
    expect(cycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']]]))).toEqual([['a', 'b', 'c', 'a']]);
    expect(cycles(new Map([['a', ['b']], ['b', ['c']], ['c', []]]))).toEqual([]);
  });
});
