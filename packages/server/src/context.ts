import type { Database } from './db/client.js';

export interface Config {
  port: number;
  dataDir: string;
  databaseUrl?: string;
  /** session idle timeout and absolute lifetime */
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  /** login rate limits over a 15-minute window */
  loginMaxFailuresPerAccount: number;
  loginMaxFailuresPerIp: number;
  cookieSecure: boolean;
  webDist?: string;
  /** R35: how often the audit sealer looks for entries left unsealed (by a process that stopped); 0 = only after commits */
  auditSealIntervalMs: number;
  /** rows per chunk of an import commit: read, checked, classified, written and audited together */
  importChunkRows: number;
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
    sessionMaxHours: 12,
    loginMaxFailuresPerAccount: 5,
    loginMaxFailuresPerIp: 20,
    cookieSecure: false,
    auditSealIntervalMs: 3000,
    importChunkRows: 5000,
    ...overrides,
  };
}
