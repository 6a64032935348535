// One embedded PostgreSQL cluster per test run (in a temp directory, removed at the end): each harness creates and
// drops its own database in it, as it does on the PostgreSQL of DATABASE_URL.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureEmbedded } from '../src/db/embedded.js';

declare module 'vitest' {
  export interface ProvidedContext {
    embeddedUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(tmpdir(), 'anjian-test-'));
  const server = await ensureEmbedded(dir);
  project.provide('embeddedUrl', server.url);
  return async () => {
    await server.release();
    rmSync(dir, { recursive: true, force: true });
  };
}
