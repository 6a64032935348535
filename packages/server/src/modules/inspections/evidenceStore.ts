// Evidence files (photos, audio, video) on local disk under DATA_DIR/evidence, content-addressed by SM3: the hash
// in the record proves the file is the one recorded (R35), and the same photo synced twice is stored once.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AppContext } from '../../context.js';

export const MAX_EVIDENCE_BYTES = 50 * 1024 * 1024;

export { evidenceKindOfMime as kindOfMime } from '@anjian/domain';

export function acceptedMime(mime: string): boolean {
  return /^(image\/(jpeg|png|webp|heic|heif|gif)|audio\/(mpeg|mp4|aac|wav|webm|ogg|x-m4a)|video\/(mp4|webm|quicktime|3gpp)|application\/pdf)$/.test(mime);
}

function dir(ctx: AppContext): string {
  return path.resolve(ctx.config.dataDir, 'evidence');
}

export function evidencePath(ctx: AppContext, sm3: string): string {
  return path.join(dir(ctx), sm3.slice(0, 2), sm3);
}

export function sm3Of(data: Buffer): string {
  return createHash('sm3').update(data).digest('hex');
}

/** Stores the bytes under their hash (atomically: write then rename) and returns the hash. */
export async function storeEvidence(ctx: AppContext, data: Buffer): Promise<string> {
  const sm3 = sm3Of(data);
  const target = evidencePath(ctx, sm3);
  const exists = await stat(target).then(
    (s) => s.size === data.length,
    () => false,
  );
  if (!exists) {
    await mkdir(path.dirname(target), { recursive: true });
    const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(tmp, data);
    await rename(tmp, target);
  }
  return sm3;
}

export function readEvidence(ctx: AppContext, sm3: string) {
  return createReadStream(evidencePath(ctx, sm3));
}
