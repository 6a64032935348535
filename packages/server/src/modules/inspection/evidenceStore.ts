// Evidence files (photos, audio, video) on local disk under DATA_DIR/evidence, content-addressed by SM3: the hash
// in the record proves the file is the one recorded (R35), and the same photo synced twice is stored once.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import type { AppContext } from '../../context.js';
import { AppError } from '../../lib/errors.js';

export const MAX_EVIDENCE_BYTES = 50 * 1024 * 1024;

export { evidenceKindOfMime as kindOfMime } from '@anjian/domain';

export function acceptedMime(mime: string): boolean {
  return /^(image\/(jpeg|png|webp|heic|heif|gif)|audio\/(mpeg|mp4|aac|wav|webm|ogg|x-m4a)|video\/(mp4|webm|quicktime|3gpp)|application\/pdf)$/.test(mime);
}

/**
 * The type to store an evidence file under, decided by its content (file-type reads the magic bytes): a page or script
 * declared as a photo is refused, and a photo declared with the wrong image type is stored under its real one. A
 * container holds audio or video alike (an audio-only .webm or .mp4 reads as video), so there the declared audio type
 * stands.
 */
export async function evidenceMime(u: { data: Buffer; mime: string; size?: number }): Promise<string> {
  const size = u.size ?? u.data.length;
  if (size === 0) throw new AppError('VALIDATION', '上传的文件是空的');
  if (size > MAX_EVIDENCE_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', '单个文件不能超过 50 MB');
  const declared = u.mime.toLowerCase();
  if (!acceptedMime(declared)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '只能上传照片、录音、视频或 PDF 文件');
  const detected = (await fileTypeFromBuffer(u.data))?.mime as string | undefined;
  if (!detected || !acceptedMime(detected)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '文件内容不是照片、录音、视频或 PDF，请检查文件是否损坏或类型是否正确');
  const family = (m: string) => m.split('/')[0];
  if (family(declared) === family(detected)) return detected;
  if (family(declared) === 'audio' && family(detected) === 'video') return declared;
  if (family(declared) === 'audio' && detected === 'audio/mp4') return declared;
  throw new AppError('UNSUPPORTED_MEDIA_TYPE', '文件内容与声明的文件类型不符');
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
export async function storeEvidence(ctx: AppContext, data: Buffer, computed?: string): Promise<string> {
  const sm3 = computed ?? sm3Of(data);
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

/** A file received to a temporary name while hashed (not held in memory): `keepEvidence` stores it by its SM3. */
export interface ReceivedFile {
  sm3: string;
  size: number;
  /** the first bytes, for the content check (evidenceMime) */
  head: Buffer;
  tmp: string;
  mime: string;
  fileName: string;
}

const HEAD_BYTES = 4100; // what file-type reads

export async function receiveEvidence(ctx: AppContext, stream: Readable, meta: { mime: string; fileName: string }): Promise<ReceivedFile> {
  await mkdir(dir(ctx), { recursive: true });
  const tmp = path.join(dir(ctx), `.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2)}.tmp`);
  const hash = createHash('sm3');
  const head: Buffer[] = [];
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      if (size < HEAD_BYTES) head.push(chunk.subarray(0, HEAD_BYTES - size));
      size += chunk.length;
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(stream, tap, createWriteStream(tmp));
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  return { sm3: hash.digest('hex'), size, head: Buffer.concat(head), tmp, ...meta };
}

/** Moves a received file to its place by SM3 (once: the same photo twice is stored once). */
export async function keepEvidence(ctx: AppContext, f: ReceivedFile): Promise<void> {
  const target = evidencePath(ctx, f.sm3);
  const exists = await stat(target).then(
    (s) => s.size === f.size,
    () => false,
  );
  if (exists) return discardEvidence(f);
  await mkdir(path.dirname(target), { recursive: true });
  await rename(f.tmp, target);
}

export async function discardEvidence(f: ReceivedFile): Promise<void> {
  await rm(f.tmp, { force: true });
}

export function readEvidence(ctx: AppContext, sm3: string) {
  return createReadStream(evidencePath(ctx, sm3));
}
