// Long jobs must not freeze the rest of the app (issue #14): with a connection pool, other requests are answered
// while a large import commit runs, instead of waiting for its transaction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, dbKinds, waitForJob, type Harness } from './harness.js';
import { importFile } from './crashCycles.js';

describe.each(dbKinds)('long jobs on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(kind, { enterprises: 200, config: { importChunkRows: 1000 } });
  });
  afterAll(() => h?.close());

  it('R2: while a 10,000-row import commit runs, the enterprise list and the job poll answer before it finishes', async () => {
    const cookie = await h.login('county.officer');
    const file = await importFile(10_000);
    const up = await h.app.inject({ method: 'POST', url: '/api/enterprises/import', headers: { cookie, 'content-type': file.type }, payload: file.data });
    expect(up.statusCode).toBe(202);
    const jobId = up.json().jobId as string;
    expect(await waitForJob(h, cookie, jobId)).toMatchObject({ status: 'previewed', createCount: 10_000 });
    const commit = await h.app.inject({ method: 'POST', url: `/api/enterprises/import/${jobId}/commit`, headers: { cookie } });
    expect(commit.statusCode).toBe(202);
    let answeredDuringCommit = 0;
    for (;;) {
      const list = await h.app.inject({ method: 'GET', url: '/api/enterprises?pageSize=5', headers: { cookie } });
      expect(list.statusCode).toBe(200);
      const job = (await h.app.inject({ method: 'GET', url: `/api/enterprises/import/${jobId}`, headers: { cookie } })).json();
      // the list was answered and the commit is still running: it did not wait for the commit's transaction
      if (job.status !== 'committing') break;
      answeredDuringCommit++;
    }
    expect(answeredDuringCommit).toBeGreaterThan(0);
    expect(await waitForJob(h, cookie, jobId)).toMatchObject({ status: 'committed' });
  });
});
