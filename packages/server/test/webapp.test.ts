// The built web app as the server serves it (issue #20, docs/offline.md): the service worker and the manifest with
// their own content types and revalidated on every load, hashed assets kept, client routes falling back to
// index.html — and a missing build file or API path never answered with index.html.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './harness.js';

describe('the web app served for the phone (R16, R17: the inspection opens with no network)', () => {
  let h: Harness;
  const dist = mkdtempSync(path.join(os.tmpdir(), 'anjian-dist-'));
  beforeAll(async () => {
    mkdirSync(path.join(dist, 'assets'));
    mkdirSync(path.join(dist, 'icons'));
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>安监执法平台</title>');
    writeFileSync(path.join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {});');
    writeFileSync(path.join(dist, 'workbox-0a1b2c3d.js'), '/* workbox */');
    writeFileSync(path.join(dist, 'manifest.webmanifest'), JSON.stringify({ name: '安监执法平台' }));
    writeFileSync(path.join(dist, 'assets', 'index-Ab12Cd34.js'), 'console.log(1)');
    writeFileSync(path.join(dist, 'icons', 'icon-192.png'), Buffer.from('89504e470d0a1a0a', 'hex'));
    // serving files does not touch the database: the embedded store alone
    h = await createHarness('embedded', { enterprises: 5, demo: false, config: { webDist: dist } });
  });
  afterAll(async () => {
    await h?.close();
    rmSync(dist, { recursive: true, force: true });
  });
  const get = (url: string) => h.app.inject({ method: 'GET', url });

  it('R16: sw.js is JavaScript, revalidated on every load (a new version is found), and not swallowed by the SPA fallback', async () => {
    const res = await get('/sw.js');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^(application|text)\/javascript/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body).toContain('addEventListener');
    const wb = await get('/workbox-0a1b2c3d.js');
    expect(wb.headers['content-type']).toMatch(/javascript/);
  });

  it('R16: the manifest is application/manifest+json and revalidated; icons are images', async () => {
    const res = await get('/manifest.webmanifest');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/manifest\+json/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.json()).toEqual({ name: '安监执法平台' });
    expect((await get('/icons/icon-192.png')).headers['content-type']).toBe('image/png');
  });

  it('R16: client routes get index.html (revalidated); hashed assets are kept a year', async () => {
    for (const url of ['/today', '/inspections/12', '/']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.body, url).toContain('安监执法平台');
    }
    const asset = await get('/assets/index-Ab12Cd34.js');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('R16: a missing build file or API path is a Chinese 404, never index.html', async () => {
    for (const url of ['/assets/index-Old00000.js', '/icons/none.png', '/workbox-ffffffff.js', '/api/no-such-route']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toMatch(/^application\/json/);
      expect(res.json().message, url).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
