// The web imports the domain (the statutory clocks of R29, R38 and the rest are computed by the same code in the
// browser as on the server), so no domain source may need Node: no node: module, no require, no Node-only global.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createSm3, pureSm3Hash, sm3Hex } from '../src/lib/sm3.js';

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : [],
  );
}

/** What in a source file needs Node: node: imports (static or dynamic), require, Buffer. Comments are not code. */
export function nodeOnly(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const found: string[] = [];
  for (const re of [/\bfrom\s+['"]node:[^'"]+['"]/g, /\bimport\s*\(\s*['"]node:[^'"]+['"]/g, /\brequire\s*\(/g, /\bcreateRequire\b/g, /\bBuffer\s*\./g]) {
    for (const m of code.matchAll(re)) found.push(m[0]);
  }
  return found;
}

describe('the domain runs in the browser', () => {
  it('R38: no domain source imports a node: module or uses require or Buffer', () => {
    const offenders = sources(src).flatMap((f) => nodeOnly(readFileSync(f, 'utf8')).map((what) => `${path.relative(src, f)}: ${what}`));
    expect(offenders).toEqual([]);
  });

  it('R38: the check finds a node: import, a dynamic one, require and Buffer (and ignores comments)', () => {
    expect(nodeOnly(`import { createHash } from 'node:crypto';`)).toHaveLength(1);
    expect(nodeOnly(`const m = await import("node:fs");`)).toHaveLength(1);
    expect(nodeOnly(`const x = require('a.json');\nconst b = Buffer.from('x');`)).toHaveLength(2);
    expect(nodeOnly(`// import { createHash } from 'node:crypto';\n/* Buffer.from */`)).toEqual([]);
  });

  it('R13: the pure SM3 the browser uses gives the digest of the one Node uses (GB/T 32905 example "abc")', () => {
    expect(sm3Hex('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(pureSm3Hash().update('abc').digest()).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    // in pieces, a reused buffer among them, and text that is not ASCII
    const buf = new Uint8Array([1, 2, 3]);
    const pure = pureSm3Hash().update('执法x'.repeat(5000)).update(buf);
    const node = createSm3().update('执法x'.repeat(5000)).update(buf);
    buf.fill(9);
    pure.update(buf);
    node.update(buf);
    expect(pure.digest()).toBe(node.digest());
  });
});
