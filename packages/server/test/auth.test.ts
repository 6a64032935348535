import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createHarness, dbKinds, DEMO_PASSWORD, type Harness } from './harness.js';

describe.each(dbKinds)('accounts and sessions on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(kind, { enterprises: 100, config: { sessionIdleMinutes: 30 } });
  });
  afterAll(() => h?.close());

  const login = (username: string, password: string, ip = '10.0.0.1') =>
    h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });

  it('passwords are stored as scrypt hashes, never in clear', async () => {
    const rows = await h.database.rows<{ password_hash: string }>(sql`select password_hash from users`);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.password_hash).toMatch(/^scrypt\$16384\$8\$1\$/);
      expect(r.password_hash).not.toContain(DEMO_PASSWORD);
    }
  });

  it('login sets an httpOnly SameSite session cookie with an expiry; /me answers; logout ends the session', async () => {
    const res = await login('county.officer', DEMO_PASSWORD);
    expect(res.statusCode).toBe(200);
    const c = res.cookies.find((x) => x.name === 'sid')!;
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('Lax');
    expect(c.maxAge).toBeGreaterThan(0);
    const cookie = `sid=${c.value}`;
    const me = await h.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
    expect(me.json()).toMatchObject({ username: 'county.officer', role: 'officer', agency: { name: '杭州市西湖区应急管理局', level: 'county' } });
    expect((await h.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } })).statusCode).toBe(200);
    const after = await h.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('UNAUTHENTICATED');
  });

  it('unknown user and wrong password get the same answer (no user enumeration)', async () => {
    const a = await login('no.such.user', 'Whatever#1', '10.0.0.2');
    const b = await login('legal', 'Wrong#password1', '10.0.0.2');
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json()).toEqual(b.json());
    expect(a.json()).toEqual({ code: 'AUTH_FAILED', message: '用户名或密码错误' });
  });

  it('login is rate-limited per account and address: the sixth try from that address is refused even with the right password', async () => {
    for (let i = 0; i < 5; i++) expect((await login('oversight', 'Wrong#pass' + i, '10.1.0.1')).statusCode).toBe(401);
    const locked = await login('oversight', DEMO_PASSWORD, '10.1.0.1');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().message).toContain('15分钟');
    // Once the window has passed, the account can log in again from there.
    await h.database.rows(sql`update login_failures set at = at - interval '16 minutes' where username = 'oversight'`);
    expect((await login('oversight', DEMO_PASSWORD, '10.1.0.1')).statusCode).toBe(200);
  });

  it('login is rate-limited per IP across accounts', async () => {
    for (let i = 0; i < 20; i++) await login(`guess${i}`, 'Wrong#pass1', '10.9.9.9');
    const res = await login('city.officer', DEMO_PASSWORD, '10.9.9.9');
    expect(res.statusCode).toBe(429);
    expect((await login('city.officer', DEMO_PASSWORD, '10.9.9.10')).statusCode).toBe(200);
  });

  it('sessions expire after the idle timeout and after their lifetime', async () => {
    const cookie = await h.login('legal');
    const me = () => h.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
    expect((await me()).statusCode).toBe(200);
    await h.database.rows(sql`update sessions set last_seen_at = now() - interval '31 minutes'`);
    expect((await me()).statusCode).toBe(401);
    const cookie2 = await h.login('legal');
    await h.database.rows(sql`update sessions set expires_at = now() - interval '1 second'`);
    expect((await h.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: cookie2 } })).statusCode).toBe(401);
  });

  it('every API route except login, health and the API description needs a session', async () => {
    const routes = ['/api/me', '/api/enterprises', '/api/officers', '/api/agencies', '/api/users', '/api/audit/verify', '/api/stats/overview', '/api/regions', '/api/enterprises/export', '/api/enterprises/import/template'];
    for (const url of routes) expect((await h.app.inject({ method: 'GET', url })).statusCode, url).toBe(401);
    expect((await h.app.inject({ method: 'GET', url: '/api/health' })).json()).toEqual({ status: 'ok', database: kind });
    const openapi = (await h.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(openapi.openapi).toMatch(/^3\./);
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/api/enterprises', '/api/enterprises/{id}', '/api/auth/login', '/api/audit/verify', '/api/officers', '/api/agencies', '/api/users']));
  });

  it('R35: the admin creates accounts with a role and an agency; the policy refuses weak passwords; disabling ends sessions', async () => {
    const admin = await h.login('admin');
    const [{ id: agencyId }] = (await h.database.rows<{ id: number }>(sql`select id from agencies where region_code = '330106'`)) as [{ id: number }];
    const weak = await h.app.inject({ method: 'POST', url: '/api/users', headers: { cookie: admin }, payload: { username: 'new.officer', password: 'abc', displayName: '新执法员', role: 'officer', agencyId: Number(agencyId) } });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().message).toContain('密码');
    const created = await h.app.inject({ method: 'POST', url: '/api/users', headers: { cookie: admin }, payload: { username: 'new.officer', password: 'Strong#Pass1', displayName: '新执法员', role: 'officer', agencyId: Number(agencyId) } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ role: 'officer', agencyName: '杭州市西湖区应急管理局', active: true });
    const dup = await h.app.inject({ method: 'POST', url: '/api/users', headers: { cookie: admin }, payload: { username: 'new.officer', password: 'Strong#Pass1', displayName: '新执法员', role: 'officer', agencyId: Number(agencyId) } });
    expect(dup.statusCode).toBe(409);
    const cookie = await h.login('new.officer', 'Strong#Pass1');
    const off = await h.app.inject({ method: 'PATCH', url: `/api/users/${created.json().id}`, headers: { cookie: admin }, payload: { active: false } });
    expect(off.statusCode).toBe(200);
    expect((await h.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(401);
    expect((await login('new.officer', 'Strong#Pass1', '10.3.3.3')).statusCode).toBe(401);
    const self = await h.app.inject({ method: 'PATCH', url: '/api/users/1', headers: { cookie: admin }, payload: { active: false } });
    expect(self.statusCode).toBe(400);
  });
});
