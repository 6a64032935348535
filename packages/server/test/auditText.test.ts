// What users read is Chinese without the project's codes. R35: every action and kind of record the server writes to
// the audit trail has its Chinese name, so the audit page never falls back to 其他操作 / 其他记录 — new code that audits
// a new action fails here until it is named. And no Chinese sentence of the domain or the server names a rule id.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { auditActionLabel, auditEntityLabel } from '@anjian/domain';

const SRC = path.resolve(import.meta.dirname, '../src');
const DOMAIN = path.resolve(import.meta.dirname, '../../domain/src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('audit trail in Chinese', () => {
  const text = sources(SRC).map((f) => readFileSync(f, 'utf8')).join('\n');
  const found = (re: RegExp) => [...new Set([...text.matchAll(re)].map((m) => m[1]!))];

  it('R35: every audited action written in the server code has a Chinese name', () => {
    const actions = [...found(/\baction: '([a-z_]+)'/g), ...found(/changeViolations\(ctx, p, id, '([a-z_]+)'/g)];
    expect(actions.length).toBeGreaterThan(20);
    expect(actions.filter((a) => auditActionLabel(a) === '其他操作')).toEqual([]);
  });

  it('R35: every kind of record written to the audit trail has a Chinese name', () => {
    const types = found(/\bentityType: '([a-z_]+)'/g);
    expect(types.length).toBeGreaterThan(10);
    expect(types.filter((t) => auditEntityLabel(t) === '其他记录')).toEqual([]);
  });

  it('R17/R35: no Chinese sentence in the domain or the server names a rule id (comments may)', () => {
    const literal = /'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g;
    const leaks: string[] = [];
    for (const file of [...sources(SRC), ...sources(DOMAIN)]) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          const code = line.trim();
          if (code.startsWith('//') || code.startsWith('*') || code.startsWith('/*')) return;
          for (const s of line.split(' // ')[0]!.match(literal) ?? []) {
            if (/[\u4e00-\u9fa5]/.test(s) && /(?<![\w$.])R\d{1,2}(?!\w)/.test(s)) leaks.push(`${path.relative(SRC, file)}:${i + 1}: ${s.slice(0, 80)}`);
          }
        });
    }
    expect(leaks).toEqual([]);
  });
});
