// Throttling of the public portal's pages (no login, so no account to count against): requests per client address
// over a fixed one-minute window. Enough for a person paging through lists on a phone; a scraper walking every page
// gets 429 with a Chinese message and waits. One counter per app instance (a restart forgets, which is harmless).
import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.js';

/** requests per address and minute; PUBLIC_RATE_PER_MINUTE overrides (0 = off) */
export const PUBLIC_RATE_PER_MINUTE = Number(process.env.PUBLIC_RATE_PER_MINUTE ?? 300);

export function publicThrottle(limit = PUBLIC_RATE_PER_MINUTE) {
  const windows = new Map<string, { start: number; count: number }>();
  return async (req: FastifyRequest) => {
    if (!limit) return;
    const now = Date.now();
    // drop finished windows now and then, so that many addresses do not pile up
    if (windows.size > 10_000) for (const [k, w] of windows) if (now - w.start >= 60_000) windows.delete(k);
    let w = windows.get(req.ip);
    if (!w || now - w.start >= 60_000) {
      w = { start: now, count: 0 };
      windows.set(req.ip, w);
    }
    w.count += 1;
    if (w.count > limit) throw new AppError('RATE_LIMITED', `访问过于频繁，请${Math.ceil((w.start + 60_000 - now) / 1000)}秒后再试`);
  };
}
