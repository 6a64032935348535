// One contract (issue #15): every operation of /api/openapi.json says what it answers and what it takes, from the zod
// shapes in @anjian/domain/contract that the web uses too. An operation without them is documented as "Default
// Response" and its answer goes out unchecked: this test fails on every such operation, so a new route cannot skip them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './harness.js';

interface Response {
  description?: string;
  content?: Record<string, { schema?: unknown }>;
}
interface Operation {
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, Response>;
}

let h: Harness;
let operations: { key: string; method: string; op: Operation }[] = [];

beforeAll(async () => {
  // the document does not depend on the store or its rows
  h = await createHarness('embedded', { enterprises: 3, demo: false });
  const spec = (await h.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, Operation>> };
  operations = Object.entries(spec.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, method, op })));
}, 120_000);
afterAll(() => h?.close());

/** A success the operation declares: a body with its schema (JSON or a described file), or an explicit 204. */
function declaresAnswer(op: Operation): boolean {
  return Object.entries(op.responses ?? {}).some(
    ([status, r]) =>
      /^2\d\d$/.test(status) &&
      (status === '204' ? r.description !== 'Default Response' : Object.values(r.content ?? {}).some((c) => c.schema !== undefined) && (Object.keys(r.content ?? {}).every((t) => t.includes('json')) || !!r.description && r.description !== 'Default Response')),
  );
}

describe('the API contract in openapi.json', () => {
  it('the document lists the operations (the checks below are not vacuous)', () => {
    expect(operations.length).toBeGreaterThan(150);
  });

  it('every operation declares the schema of its answer (a file answer: its type and a description)', () => {
    const missing = operations.filter((o) => !declaresAnswer(o.op)).map((o) => o.key);
    expect(missing, `operations without a response schema (declare schema.response from @anjian/domain/contract):\n${missing.join('\n')}`).toEqual([]);
  });

  it('every POST, PUT and PATCH declares its request body (an empty object for a command without one, multipart for an upload)', () => {
    const missing = operations.filter((o) => ['post', 'put', 'patch'].includes(o.method) && !Object.values(o.op.requestBody?.content ?? {}).some((c) => c.schema !== undefined)).map((o) => o.key);
    expect(missing, `operations without a request body schema:\n${missing.join('\n')}`).toEqual([]);
  });
});
