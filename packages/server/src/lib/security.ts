// Browser-facing defences: where state-changing requests may come from, and the security headers (helmet).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import helmet from '@fastify/helmet';
import type { Config } from '../context.js';
import { AppError } from './errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The origin a browser says the request comes from: Origin, else the Referer's origin; undefined when neither is sent. */
function claimedOrigin(req: FastifyRequest): string | undefined {
  const origin = req.headers.origin;
  if (typeof origin === 'string') return origin;
  const referer = req.headers.referer;
  if (typeof referer !== 'string') return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return 'null';
  }
}

/** The Host header read with the origin's scheme, so `localhost:80` and `http://localhost` compare equal. */
function sameHost(origin: URL, host: string): boolean {
  try {
    return new URL(`${origin.protocol}//${host}`).host === origin.host;
  } catch {
    return false;
  }
}

/**
 * Cross-site request forgery: a state-changing request (anything but GET/HEAD/OPTIONS) whose Origin (or, without one,
 * Referer) is not this app's host or an ALLOWED_ORIGINS entry is refused before the session is even read. Browsers send
 * Origin with every such request, a plain HTML form post from another site included; a request with neither header is
 * not a browser riding the user's cookie (curl, scripts, integrations) and passes — it still needs its own session.
 */
export function installOriginCheck(app: FastifyInstance, config: Pick<Config, 'allowedOrigins'>): void {
  const allowed = new Set(config.allowedOrigins);
  app.addHook('onRequest', async (req) => {
    if (SAFE_METHODS.has(req.method)) return;
    const claimed = claimedOrigin(req);
    if (claimed === undefined) return;
    let url: URL | null;
    try {
      url = claimed === 'null' ? null : new URL(claimed);
    } catch {
      url = null;
    }
    if (url && (sameHost(url, req.host) || allowed.has(url.origin))) return;
    throw new AppError('FORBIDDEN', '请求来源不被允许：请在本系统的页面中操作');
  });
}

/**
 * Security headers. The CSP fits the built web: scripts only from this origin; inline styles for Ant Design's CSS-in-JS
 * and ECharts; images and media also from data:/blob: (the icon, evidence previews before upload); no framing at all.
 * HSTS and upgrade-insecure-requests only when the deployment is HTTPS (COOKIE_SECURE=1): on plain HTTP in a bureau's
 * LAN they would break the app.
 */
export async function installSecurityHeaders(app: FastifyInstance, config: Pick<Config, 'cookieSecure'>): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        ...(config.cookieSecure ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: config.cookieSecure ? { maxAge: 180 * 24 * 3600, includeSubDomains: false } : false,
    referrerPolicy: { policy: 'same-origin' },
    xFrameOptions: { action: 'deny' },
  });
}
