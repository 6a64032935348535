// One app server per embedded store: a session-level advisory lock held on a connection of its own for the server's
// lifetime. A killed server's connection closes and PostgreSQL releases the lock with it, so no stale lock is left.
import pg from 'pg';

const INSTANCE_LOCK = 7_140_311; // any constant; one per install (the embedded cluster holds one database)

export async function holdInstanceLock(url: string): Promise<{ release(): Promise<void> } | null> {
  const client = new pg.Client({ connectionString: url, application_name: 'anjian-server' });
  client.on('error', () => undefined);
  await client.connect();
  const { rows } = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [INSTANCE_LOCK]);
  if (!rows[0]!.ok) {
    await client.end();
    return null;
  }
  return { release: () => client.end().catch(() => undefined) };
}
