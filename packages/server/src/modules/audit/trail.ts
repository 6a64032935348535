// R35: what guards the audit chain from outside the database, under DATA_DIR/audit (kept with the backups):
//   key           — the secret of the keyed SM3 (HMAC-SM3) that signs every entry and chain link: someone with SQL access
//                   but without this file cannot write an entry, or re-link the chain, that verifies. Created on first
//                   start (32 random bytes as hex, mode 0600); AUDIT_KEY (64 hex digits) overrides it, e.g. for several
//                   API processes that share one database but not one data directory — they must all use one key.
//   anchors.jsonl — one line {seq, hash, at} appended (and fsync'd) each time this process seals entries: the chain's
//                   head as it was then. Removing entries from the end, or putting back an older copy of the log and
//                   writing on, cannot match these lines, even with the key or with the triggers disabled.
import { createHmac, randomBytes } from 'node:crypto';
import { closeSync, createReadStream, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import readline from 'node:readline';

export interface Anchor {
  seq: number;
  hash: string;
  at: string;
}

/** HMAC-SM3 of the parts joined by '|'. */
export function hmacSm3(key: Buffer, ...parts: string[]): string {
  return createHmac('sm3', key).update(parts.join('|')).digest('hex');
}

const KEY_HEX = /^[0-9a-fA-F]{64}$/;

/** The audit directory of a data directory, created (0700) if missing. */
export function auditDir(dataDir: string): string {
  const dir = path.resolve(dataDir, 'audit');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

/** The key: AUDIT_KEY if given, else DATA_DIR/audit/key, created on first use. */
export function loadAuditKey(dir: string, override?: string): Buffer {
  if (override !== undefined && override !== '') {
    if (!KEY_HEX.test(override.trim())) throw new Error('AUDIT_KEY 应为 64 位十六进制字符（32 字节随机数）');
    return Buffer.from(override.trim(), 'hex');
  }
  const file = path.join(dir, 'key');
  if (!existsSync(file)) {
    // Written whole under a name of its own, then linked into place: a process starting at the same moment on the same
    // directory either wins the link or reads the winner's complete key, never a half-written file.
    const tmp = path.join(dir, `key.${process.pid}.${randomBytes(4).toString('hex')}`);
    const fd = openSync(tmp, 'wx', 0o600);
    try {
      writeSync(fd, randomBytes(32).toString('hex') + '\n');
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      linkSync(tmp, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      unlinkSync(tmp);
    }
    syncDir(dir);
  }
  const text = readFileSync(file, 'utf8').trim();
  if (!KEY_HEX.test(text)) throw new Error(`审计密钥文件 ${file} 内容无效（应为 64 位十六进制字符）`);
  return Buffer.from(text, 'hex');
}

function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // not every platform can fsync a directory; the file itself is synced
  }
}

/** Appends one anchor line and waits until it is on disk. */
export async function appendAnchor(file: string, a: Anchor): Promise<void> {
  const fh = await open(file, 'a', 0o600);
  try {
    await fh.write(JSON.stringify(a) + '\n');
    await fh.sync();
  } finally {
    await fh.close();
  }
}

export interface Anchors {
  /** the hash anchored at each position; '' where the file holds two different hashes for one position */
  bySeq: Map<number, string>;
  count: number;
  /** the anchor of the highest position */
  latest: Anchor | null;
}

/**
 * Reads the anchors file (missing = none). A line that is not a whole anchor (e.g. cut short by a crash while it was
 * written) is skipped: it never anchored anything.
 */
export async function readAnchors(file: string): Promise<Anchors> {
  const bySeq = new Map<number, string>();
  let count = 0;
  let latest: Anchor | null = null;
  const stream = createReadStream(file, { encoding: 'utf8' });
  const missing = new Promise<boolean>((resolve) => {
    stream.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ENOENT'));
    stream.once('open', () => resolve(false));
  });
  if (await missing) return { bySeq, count, latest };
  for await (const line of readline.createInterface({ input: stream, crlfDelay: Infinity })) {
    const a = parseAnchor(line);
    if (!a) continue;
    count++;
    const known = bySeq.get(a.seq);
    bySeq.set(a.seq, known === undefined || known === a.hash ? a.hash : '');
    if (!latest || a.seq > latest.seq) latest = a;
  }
  return { bySeq, count, latest };
}

function parseAnchor(line: string): Anchor | null {
  try {
    const a = JSON.parse(line) as Partial<Anchor>;
    if (Number.isSafeInteger(a.seq) && a.seq! > 0 && typeof a.hash === 'string' && /^[0-9a-f]{64}$/.test(a.hash) && typeof a.at === 'string') {
      return { seq: a.seq!, hash: a.hash, at: a.at };
    }
  } catch {
    // not JSON: skipped
  }
  return null;
}
