// Web defences and input hygiene (issue #14, items 6 and 7): where state-changing requests may come from, which client
// address counts, login throttling that no stranger can turn into a lock-out, security headers, session lifetime, and
// bad text (NUL, lone surrogates, bad UTF-8 / percent-encoding) answered with a Chinese 400 in one place.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createHarness, dbKinds, DEMO_PASSWORD, type Harness } from './harness.js';
import { originsFrom, trustProxyFrom } from '../src/context.js';

const CJK = /[\u4e00-\u9fff]/;

function multipart(file: Buffer, filename: string) {
  const boundary = '----anjian';
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n`),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  };
}

describe.each(dbKinds)('web defences on %s', (kind) => {
  let h: Harness;
  let officer: string; // a session that may write to the register
  let enterprise: { id: number; version: number; name: string };
  beforeAll(async () => {
    h = await createHarness(kind, { enterprises: 100, config: { allowedOrigins: ['https://zf.example.gov.cn'] } });
    officer = await h.login('leader'); // the province's leader: writes to the whole register
    const list = await h.app.inject({ method: 'GET', url: '/api/enterprises?pageSize=1', headers: { cookie: officer } });
    enterprise = list.json().items[0];
  });
  afterAll(() => h?.close());

  const login = (username: string, password: string, remoteAddress: string, headers: Record<string, string> = {}) =>
    h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress, headers });
  const jobCount = async () => Number((await h.database.rows<{ n: number }>(sql`select count(*)::int as n from import_jobs`))[0]!.n);

  it('R35: a PATCH from another origin is refused with a Chinese 403 and changes nothing; the own host and ALLOWED_ORIGINS pass', async () => {
    const patch = (headers: Record<string, string>, employeeCount: number, version: number) =>
      h.app.inject({ method: 'PATCH', url: `/api/enterprises/${enterprise.id}`, headers: { cookie: officer, ...headers }, payload: { version, employeeCount } });
    const foreign: Record<string, string>[] = [{ origin: 'http://evil.example' }, { origin: 'null' }, { referer: 'http://evil.example/page.html' }, { origin: 'http://localhost:80.evil.example' }];
    for (const headers of foreign) {
      const res = await patch(headers, 4321, enterprise.version);
      expect(res.statusCode, JSON.stringify(headers)).toBe(403);
      expect(res.json()).toEqual({ code: 'FORBIDDEN', message: '请求来源不被允许：请在本系统的页面中操作' });
    }
    const after = (await h.app.inject({ method: 'GET', url: `/api/enterprises/${enterprise.id}`, headers: { cookie: officer } })).json();
    expect(after.version).toBe(enterprise.version);
    expect(after.employeeCount).not.toBe(4321);
    // inject's Host is localhost:80
    const own = await patch({ origin: 'http://localhost:80', host: 'localhost:80' }, 11, enterprise.version);
    expect(own.statusCode, own.body).toBe(200);
    const viaReferer = await patch({ referer: 'http://localhost:80/enterprises/1', host: 'localhost:80' }, 12, own.json().version);
    expect(viaReferer.statusCode, viaReferer.body).toBe(200);
    const allowed = await patch({ origin: 'https://zf.example.gov.cn' }, 13, viaReferer.json().version);
    expect(allowed.statusCode, allowed.body).toBe(200);
    // neither header: not a browser riding the user's cookie (curl, scripts); it still needs its session
    const bare = await patch({}, 14, allowed.json().version);
    expect(bare.statusCode).toBe(200);
    enterprise = bare.json();
    // reads are not checked: a link from elsewhere still opens the app
    expect((await h.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: officer, origin: 'http://evil.example' } })).statusCode).toBe(200);
  });

  it('R35: a plain HTML form posting an import from another site is refused before any job is created', async () => {
    const before = await jobCount();
    const m = multipart(Buffer.from('统一社会信用代码,企业名称\n'), 'list.csv');
    // what a browser sends for <form method=post enctype=multipart/form-data action=…> on evil.example
    const res = await h.app.inject({ method: 'POST', url: '/api/enterprises/import', headers: { cookie: officer, ...m.headers, origin: 'https://evil.example', referer: 'https://evil.example/' }, payload: m.payload });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('FORBIDDEN');
    const urlencoded = await h.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: officer, 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' }, payload: 'a=1' });
    expect(urlencoded.statusCode).toBe(403);
    expect((await h.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: officer } })).statusCode).toBe(200);
    expect(await jobCount()).toBe(before);
  });

  it('R35: with TRUST_PROXY off (the default) X-Forwarded-For is ignored: rotating it does not get past the per-address limit', async () => {
    expect(h.ctx.config.trustProxy).toBe(false);
    for (let i = 0; i < 5; i++) {
      const res = await login('leader', `Wrong#pass${i}`, '10.20.0.1', { 'x-forwarded-for': `203.0.113.${i}` });
      expect(res.statusCode).toBe(401);
    }
    const sixth = await login('leader', DEMO_PASSWORD, '10.20.0.1', { 'x-forwarded-for': '198.51.100.7' });
    expect(sixth.statusCode).toBe(429);
    const [row] = await h.database.rows<{ ips: string[] }>(sql`select array_agg(distinct ip) as ips from login_failures where username = 'leader'`);
    expect(row!.ips).toEqual(['10.20.0.1']);
    expect(trustProxyFrom(undefined)).toBe(false);
    expect(trustProxyFrom('0')).toBe(false);
    expect(trustProxyFrom('1')).toBe(1);
    expect(trustProxyFrom('10.0.0.0/8, 127.0.0.1')).toBe('10.0.0.0/8, 127.0.0.1');
    expect(originsFrom('https://a.example/, http://b.example:8080')).toEqual(['https://a.example', 'http://b.example:8080']);
  });

  it('R35: a stranger cannot lock a user out — many failures from many addresses only delay new addresses; the usual address still logs in', async () => {
    // the user's usual address: a successful login from there
    expect((await login('oversight', DEMO_PASSWORD, '10.30.0.1')).statusCode).toBe(200);
    // a stranger tries 40 passwords from 8 addresses (5 each, the per-address limit)
    let refused = 0;
    for (let a = 0; a < 8; a++) {
      for (let i = 0; i < 5; i++) {
        const res = await login('oversight', `Guess#${a}-${i}`, `192.0.2.${a + 1}`);
        expect([401, 429]).toContain(res.statusCode);
        if (res.statusCode === 429) refused++;
      }
    }
    // the per-account backoff slowed the stranger down: most tries never reached the password check
    expect(refused).toBeGreaterThan(10);
    // (the last failure made just now, so the delay is certain to be running whatever the machine's speed)
    await h.database.rows(sql`update login_failures set at = now() where username = 'oversight'`);
    const delayed = await login('oversight', `Guess#again`, '192.0.2.200');
    expect(delayed.statusCode).toBe(429);
    expect(delayed.json().message).toMatch(/^该账户近期登录失败较多，请 \d+ 秒后再试$/);
    // the user, from the usual address, logs in at once
    const user = await login('oversight', DEMO_PASSWORD, '10.30.0.1');
    expect(user.statusCode, user.body).toBe(200);
    // and from a new address once the delay has passed (no 15-minute lock)
    await h.database.rows(sql`update login_failures set at = at - interval '61 seconds' where username = 'oversight'`);
    expect((await login('oversight', DEMO_PASSWORD, '10.30.0.99')).statusCode).toBe(200);
    // the user's logins do not wipe the stranger's record
    expect(Number((await h.database.rows<{ n: number }>(sql`select count(*)::int as n from login_failures where username = 'oversight'`))[0]!.n)).toBeGreaterThan(0);
  });

  it('R35: security headers — CSP fitting the app, nosniff, no framing, same-origin referrers; HSTS only with COOKIE_SECURE; TRUST_PROXY hops', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/health' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("img-src 'self' data: blob:");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('same-origin');
    expect(res.headers['strict-transport-security']).toBeUndefined();
    // errors carry them too
    expect((await h.app.inject({ method: 'GET', url: '/api/me' })).headers['x-content-type-options']).toBe('nosniff');
    // behind an HTTPS proxy: HSTS on, and the address the one trusted proxy appended is the client's
    const proxied = await createHarness(kind, { enterprises: 0, demo: false, config: { cookieSecure: true, trustProxy: 1 } });
    try {
      const s = await proxied.app.inject({ method: 'GET', url: '/api/health' });
      expect(s.headers['strict-transport-security']).toMatch(/^max-age=\d{7,}/);
      expect(String(s.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
      const res = await proxied.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'Wrong#pass1' }, remoteAddress: '10.0.0.2', headers: { 'x-forwarded-for': '1.2.3.4, 198.51.100.9' } });
      expect(res.statusCode).toBe(401);
      const [row] = await proxied.database.rows<{ ip: string }>(sql`select ip from login_failures where username = 'nobody'`);
      expect(row!.ip).toBe('198.51.100.9');
    } finally {
      await proxied.close();
    }
  });

  it('R35: a session lasts 10 hours at most and ends after 2 hours idle, as documented', async () => {
    expect(h.ctx.config.sessionMaxHours).toBe(10);
    expect(h.ctx.config.sessionIdleMinutes).toBe(120);
    const res = await login('city.officer', DEMO_PASSWORD, '10.40.0.1');
    expect(res.cookies.find((c) => c.name === 'sid')!.maxAge).toBe(10 * 3600);
    const [s] = await h.database.rows<{ hours: number }>(sql`select extract(epoch from expires_at - created_at) / 3600 as hours from sessions order by created_at desc limit 1`);
    expect(Math.round(Number(s!.hours))).toBe(10);
    const cookie = `sid=${res.cookies.find((c) => c.name === 'sid')!.value}`;
    await h.database.rows(sql`update sessions set last_seen_at = now() - interval '121 minutes' where user_id = (select id from users where username = 'city.officer')`);
    expect((await h.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('R35: NUL bytes and lone surrogates anywhere — login body, query, path — are a Chinese 400, never a 500', async () => {
    for (const payload of [{ username: 'admin\u0000', password: 'x' }, { username: 'admin', password: 'pass\u0000word' }, { username: '\ud83d', password: 'x' }, { username: 'admin', password: 'x', ['k\u0000']: 1 }]) {
      const res = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json()).toEqual({ code: 'VALIDATION', message: '内容含有不允许的字符（如空字符或无效的 Unicode 编码），请删除后重试' });
    }
    for (const url of ['/api/enterprises?q=%00', '/api/enterprises/export?q=%00', '/api/enterprises?q=%ED%A0%80', '/api/enterprises?q=%ZZ', '/api/enterprises?q=%C3%28', '/api/officers?q=a%00b', '/api/enterprises/1%00']) {
      const res = await h.app.inject({ method: 'GET', url, headers: { cookie: officer } });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().code).toBe('VALIDATION');
      expect(res.json().message).toMatch(CJK);
    }
  });

  it('R35: a JSON body that is not valid UTF-8 is a Chinese 400 (not silently turned into replacement characters)', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: Buffer.concat([Buffer.from('{"username":"adm'), Buffer.from([0xff, 0xfe]), Buffer.from('","password":"x"}')]),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ code: 'VALIDATION', message: '请求体不是有效的 UTF-8 文本' });
  });

  it('R1: the export refuses a region outside the register with a Chinese 400 in JSON, not a broken download', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/enterprises/export?regionCode=100000', headers: { cookie: officer } });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['content-disposition']).toBeUndefined();
    expect(res.json()).toEqual({ code: 'INVALID_REGION', message: expect.stringMatching(CJK) });
    const ok = await h.app.inject({ method: 'GET', url: '/api/enterprises/export', headers: { cookie: officer } });
    expect(ok.statusCode).toBe(200);
    expect(ok.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('R35: a discretion catalogue with a malformed item is a Chinese 400, not a 500', async () => {
    const legal = await h.login('legal');
    for (const items of [[{}], [{ code: 'x', article: 'ninety' }], ['text'], [null]]) {
      const res = await h.app.inject({ method: 'POST', url: '/api/discretion-catalogs', headers: { cookie: legal }, payload: { note: '修订说明', items } });
      expect(res.statusCode, JSON.stringify(items)).toBe(400);
      expect(res.json().code).toBe('VALIDATION');
      expect(res.json().message).toMatch(CJK);
    }
  });

  it('R35: a broken multipart body is a Chinese 400 and creates no import job', async () => {
    const before = await jobCount();
    const bodies: [string, string | Buffer][] = [
      ['multipart/form-data; boundary=xx', '--xx\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nabc'],
      ['multipart/form-data; boundary=xx', 'garbage'],
      ['multipart/form-data', '--xx\r\n'],
      ['multipart/form-data; boundary=xx', '--xx\r\nContent-Disposition: form-data; name="file"; filename="a\u0000.csv"\r\n\r\nabc\r\n--xx--\r\n'],
    ];
    for (const [type, payload] of bodies) {
      const res = await h.app.inject({ method: 'POST', url: '/api/enterprises/import', headers: { cookie: officer, 'content-type': type }, payload });
      expect(res.statusCode, `${type} ${JSON.stringify(payload)}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.json().message).toMatch(CJK);
    }
    const long = multipart(Buffer.from('统一社会信用代码\n'), `${'名'.repeat(300)}.csv`);
    const res = await h.app.inject({ method: 'POST', url: '/api/enterprises/import', headers: { cookie: officer, ...long.headers }, payload: long.payload });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('文件名过长');
    expect(await jobCount()).toBe(before);
  });
});
