// The project stands alone: no tracked file points at a file outside the repository, and every rule id that code
// comments, test titles and docs mention is defined in docs/rules.md (with its source document and section).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const RULES = 'docs/rules.md';

// Written so that this file does not match its own patterns.
const outside: { what: string; re: RegExp }[] = [
  { what: 'a sibling directory of the repository', re: /\.\.\/shared\b/ },
  { what: 'an absolute path of the build machine', re: /\/work\// },
  { what: 'the external rule catalogue', re: /\bSPEC\.md\b/ },
  { what: 'the external source texts', re: /\bshared\/seeds\b|\b\d{3}_[0-9a-f]{16}\.txt\b/ },
  // a source text cited by the internal three-digit number of its file instead of its title and section
  { what: 'a source text cited by an internal number', re: /\b00\d\s?(?:§|附件|[一二三四五六七八九十]+[.(（、])|\bseed 00\d\b/ },
];

const codeExt = /\.(?:ts|tsx|mts|cts|js|mjs|cjs)$/;
const textExt = /\.(?:ts|tsx|mts|cts|js|mjs|cjs|json|md|sql|ya?ml|html|css|txt|sh)$|(?:^|\/)\.[\w.-]+$|(?:^|\/)[A-Z][\w-]*$/;

export function outsideReferences(text: string): string[] {
  const found: string[] = [];
  text.split('\n').forEach((line, i) => {
    for (const o of outside) if (o.re.test(line)) found.push(`line ${i + 1}: ${o.what}: ${line.trim().slice(0, 160)}`);
  });
  return found;
}

/** The comments of a source file and the titles of its tests: where rule ids are cited. */
export function citingText(text: string): string {
  const comments = text.match(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g) ?? [];
  const titles = [...text.matchAll(/\b(?:it|test|describe)(?:\.\w+)*\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g)].map((m) => m[2]!);
  return [...comments, ...titles].join('\n');
}

export function ruleIds(text: string): number[] {
  return [...text.matchAll(/\bR(\d+)\b/g)].map((m) => Number(m[1]));
}

function trackedFiles(): string[] {
  return execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 })
    .split('\0')
    .filter((f) => f && textExt.test(f) && existsSync(path.join(root, f)));
}

/** docs/rules.md: `### R<n> <title>` headings, each with a 出处 (source) line before the next heading. */
function definedRules(): Map<number, string> {
  const text = readFileSync(path.join(root, RULES), 'utf8');
  const rules = new Map<number, string>();
  const sections = text.split(/^### /m).slice(1);
  for (const s of sections) {
    const m = /^R(\d+) /.exec(s);
    if (m) rules.set(Number(m[1]), s);
  }
  return rules;
}

describe('the project stands alone (docs/rules.md)', () => {
  it('the scanners find what they look for', () => {
    const sibling = ['..', 'shared', 'SPEC' + '.md'].join('/');
    expect(outsideReferences(`规则见 \`${sibling}\``)).toHaveLength(2);
    expect(outsideReferences(`see ${'/wo' + 'rk/'}shared`)).toHaveLength(1);
    expect(outsideReferences(`(${'00' + '4'} 二(二))`)).toHaveLength(1);
    expect(outsideReferences('see docs/rules.md, 《监管执法年方案》二（二）; 20,000 officers; seed 20260101')).toEqual([]);
    const R = 'R'; // so that the sample ids below are not cited by this file
    const src = `// ${R}7 and ${R}22–${R}24\nconst s = '${R}99'; /* ${R}5 */\nit('${R}40: title', () => {});\ndescribe(\`${R}8: x\`, () => {});`;
    expect(ruleIds(citingText(src)).sort((a, b) => a - b)).toEqual([5, 7, 8, 22, 24, 40]);
  });

  it('docs/rules.md defines R1–R38, each with its source document and section', () => {
    const rules = definedRules();
    expect([...rules.keys()]).toEqual(Array.from({ length: 38 }, (_, i) => i + 1));
    const withoutSource = [...rules].filter(([, s]) => !/^- 出处：.*[《》].*/m.test(s)).map(([n]) => `R${n}`);
    expect(withoutSource).toEqual([]);
  });

  it('no tracked file refers to a file outside the repository', () => {
    const files = trackedFiles();
    expect(files.length).toBeGreaterThan(100);
    const offending = files.flatMap((f) => outsideReferences(readFileSync(path.join(root, f), 'utf8')).map((r) => `${f} ${r}`));
    expect(offending).toEqual([]);
  });

  it('every rule id in code comments, test titles and docs is defined in docs/rules.md', () => {
    const defined = definedRules();
    const files = trackedFiles().filter((f) => codeExt.test(f) || f.endsWith('.md'));
    const unknown: string[] = [];
    let cited = 0;
    for (const f of files) {
      const text = readFileSync(path.join(root, f), 'utf8');
      const ids = ruleIds(f.endsWith('.md') ? text : citingText(text));
      cited += ids.length;
      for (const n of new Set(ids)) if (!defined.has(n)) unknown.push(`${f}: R${n}`);
    }
    expect(cited).toBeGreaterThan(500);
    expect(unknown).toEqual([]);
  });
});
