// No import cycles (part of `npm run lint`). A whole-graph check of its own, since ESLint's per-file cache cannot see a
// cycle closed by another file's change, and import-x/no-cycle took two thirds of the lint time. Follows relative
// static imports and re-exports; `import type` is erased at build time, and a dynamic import() runs after both modules
// have loaded (the usual way to defer a needed back-reference), so neither can deadlock module evaluation.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';

const roots = ['packages/domain/src', 'packages/server/src', 'packages/web/src', 'bench', 'e2e', 'scripts'];
const exts = ['.ts', '.tsx', '.mjs', '.js'];

function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (exts.some((e) => name.endsWith(e)) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

function resolve(from, spec) {
  const base = path.resolve(path.dirname(from), spec);
  const stem = base.replace(/\.(js|mjs)$/, '');
  const candidates = [base, ...exts.map((e) => stem + e), ...exts.map((e) => path.join(base, 'index' + e))];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}

// `import type …` / `export type …` lines are skipped; `import { type A, b }` still counts (b is a value)
const importRe = /^\s*(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"](\.{1,2}\/[^'"]+)['"]/gm;

export function importGraph(files) {
  const graph = new Map();
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    const deps = new Set();
    for (const m of text.matchAll(importRe)) {
      const spec = m[1];
      if (spec.endsWith('.css') || spec.endsWith('.json')) continue;
      const target = resolve(f, spec);
      if (target) deps.add(target);
    }
    graph.set(f, [...deps]);
  }
  return graph;
}

/** Strongly connected components with more than one file (Tarjan), each as one cycle path through it. */
export function cycles(graph) {
  let index = 0;
  const idx = new Map(), low = new Map(), onStack = new Set(), stack = [], found = [];
  const visit = (v) => {
    idx.set(v, index); low.set(v, index); index++;
    stack.push(v); onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) { visit(w); low.set(v, Math.min(low.get(v), low.get(w))); }
      else if (onStack.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const scc = [];
      let w;
      do { w = stack.pop(); onStack.delete(w); scc.push(w); } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(pathThrough(graph, new Set(scc), v));
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return found;
}

// breadth-first from v back to v inside its component: the shortest cycle to show
function pathThrough(graph, scc, v) {
  const prev = new Map([[v, null]]);
  const queue = [v];
  while (queue.length) {
    const u = queue.shift();
    for (const w of graph.get(u) ?? []) {
      if (!scc.has(w)) continue;
      if (w === v) { const p = [u]; let x = u; while ((x = prev.get(x))) p.unshift(x); return [...p, v]; }
      if (!prev.has(w)) { prev.set(w, u); queue.push(w); }
    }
  }
  return [v, v];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const files = roots.filter((r) => existsSync(r)).flatMap((r) => walk(path.resolve(r), []));
  const found = cycles(importGraph(files));
  for (const c of found) console.error('import cycle: ' + c.map((f) => path.relative(process.cwd(), f)).join(' → '));
  if (found.length) process.exit(1);
  console.log(`no import cycles (${files.length} files)`);
}
