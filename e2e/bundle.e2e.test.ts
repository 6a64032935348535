// What users see speaks their language: no rule id (R12), in any sentence the built web app can show. Rule ids stay
// in code, tests and docs. The check reads every string literal of the production bundle that holds Chinese text —
// the sentences of pages, messages and labels — after the build the browser tests use.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureWebBuilt } from './harness.js';

const ASSETS = path.resolve(import.meta.dirname, '../packages/web/dist/assets');

describe('built web bundle', () => {
  it('R17/R35: no Chinese sentence of the web app names a rule id', () => {
    ensureWebBuilt();
    const js = readdirSync(ASSETS)
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(path.join(ASSETS, f), 'utf8'))
      .join('\n');
    expect(js).toMatch(/[\u4e00-\u9fa5]/);
    // a rule id next to Chinese text in the same string: （R20）, “R12：…”, “… R6 …”
    const near = /[\u4e00-\u9fa5（），、：][^`"'\n]{0,30}?(?<![\w$.])R\d{1,2}(?![\w])|(?<![\w$.])R\d{1,2}(?![\w])[^`"'\n]{0,10}?[\u4e00-\u9fa5）]/g;
    const withRuleIds = [...js.matchAll(near)].map((m) => js.slice(Math.max(0, m.index - 40), m.index + m[0].length + 10));
    expect(withRuleIds).toEqual([]);
  });
});
