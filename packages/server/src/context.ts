import type { Database } from './db/client.js';

export interface Config {
  port: number;
  dataDir: string;
  databaseUrl?: string;
  /** session idle timeout and absolute lifetime */
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  /**
   * Login throttling over a 15-minute window (modules/auth/service.ts): failures of one account from one address, of
   * one address over all accounts, and of one account over all addresses before each try from an address the account
   * has not logged in from must wait a growing delay (1 s, 2 s, 4 s … up to loginBackoffMaxSeconds).
   */
  loginMaxFailuresPerAccountAddress: number;
  loginMaxFailuresPerIp: number;
  loginBackoffAfter: number;
  loginBackoffMaxSeconds: number;
  cookieSecure: boolean;
  /** Fastify's trustProxy: false (default: the socket's address is the client), hop count, or proxy addresses/CIDRs */
  trustProxy: boolean | number | string;
  /** origins besides the app's own host allowed to send state-changing requests, e.g. https://zf.example.gov.cn */
  allowedOrigins: string[];
  webDist?: string;
  /** R35: how often the audit sealer looks for entries left unsealed (by a process that stopped); 0 = only after commits */
  auditSealIntervalMs: number;
  /** R35: the audit chain's key as 64 hex digits (env AUDIT_KEY); unset = DATA_DIR/audit/key, created on first start */
  auditKey?: string;
  /** rows per chunk of an import commit: read, checked, classified, written and audited together */
  importChunkRows: number;
  /** how long a running job's lease lasts without renewal before another process takes the job over (modules/jobs/leases.ts) */
  jobLeaseSeconds: number;
  /** daily backups (modules/backup): where they go (default DATA_DIR/backups) and for how many days they are kept */
  backupDir?: string;
  backupKeepDays: number;
}

export interface AppContext {
  database: Database;
  config: Config;
}

export function defaultConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 3000,
    dataDir: './data',
    sessionIdleMinutes: 120,
    sessionMaxHours: 10,
    loginMaxFailuresPerAccountAddress: 5,
    loginMaxFailuresPerIp: 20,
    loginBackoffAfter: 5,
    loginBackoffMaxSeconds: 60,
    cookieSecure: false,
    trustProxy: false,
    allowedOrigins: [],
    auditSealIntervalMs: 3000,
    importChunkRows: 5000,
    jobLeaseSeconds: 60,
    backupKeepDays: 7,
    ...overrides,
  };
}

/** TRUST_PROXY: unset/0/false → off; a number → that many proxy hops; true → any (only behind a proxy that overwrites X-Forwarded-For); else addresses/CIDRs, comma-separated. */
export function trustProxyFrom(value: string | undefined): Config['trustProxy'] {
  const v = (value ?? '').trim();
  if (v === '' || v === '0' || v === 'false') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) return Number(v);
  return v;
}

/** ALLOWED_ORIGINS: comma-separated origins (scheme://host[:port]). */
export function originsFrom(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => new URL(s).origin);
}
