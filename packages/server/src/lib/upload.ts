// Reading an uploaded file (multipart/form-data: a few text fields, then one file) in one place, so every upload gets
// the same hygiene: malformed bodies are the client's 400 (busboy's own errors would be 500s), field values and the file
// name are checked like any other text (NUL, lone surrogates), and file names are bounded.
import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.js';
import { assertGoodText } from './http.js';

export const MAX_FILE_NAME_CHARS = 255;

export interface Upload {
  data: Buffer;
  /** the type the client declared; check the content before trusting it (evidenceStore.evidenceMime) */
  mime: string;
  fileName: string;
  /** a text field sent before the file, trimmed; null when absent or blank */
  field(name: string): string | null;
}

/** Errors of the multipart parser: Fastify-coded ones (limits) go to the error handler's table, the rest are malformed input. */
function asClientError(err: unknown, tooLarge: string): unknown {
  if (err instanceof AppError) return err;
  const code = (err as { code?: unknown })?.code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return new AppError('PAYLOAD_TOO_LARGE', tooLarge);
  if (typeof code === 'string' && code.startsWith('FST_')) return err;
  return new AppError('VALIDATION', '上传内容格式不正确，请重新选择文件上传');
}

function checkFileName(fileName: string): void {
  assertGoodText(fileName);
  if ([...fileName].length > MAX_FILE_NAME_CHARS) throw new AppError('VALIDATION', `文件名过长（最多 ${MAX_FILE_NAME_CHARS} 个字符），请改短后重试`);
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
  if (/[\u0001-\u001f\u007f]/.test(fileName)) throw new AppError('VALIDATION', '文件名含有控制字符，请改名后重试');
}

export async function readUpload(req: FastifyRequest, opts: { maxBytes: number; tooLarge: string }): Promise<Upload> {
  if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传文件（字段名 file）');
  let part: Awaited<ReturnType<FastifyRequest['file']>>;
  try {
    part = await req.file({ limits: { fileSize: opts.maxBytes, fieldSize: 64 * 1024, fields: 20, parts: 21 } });
  } catch (err) {
    throw asClientError(err, opts.tooLarge);
  }
  if (!part) throw new AppError('INVALID_FILE', '请选择要上传的文件');
  const fields: Record<string, string> = {};
  for (const [k, f] of Object.entries(part.fields)) {
    const v = (Array.isArray(f) ? f[0] : f) as { type?: string; value?: unknown } | undefined;
    if (v?.type === 'field' && typeof v.value === 'string') fields[k] = v.value;
  }
  const fileName = part.filename ?? '';
  assertGoodText(fields);
  checkFileName(fileName);
  let data: Buffer;
  try {
    data = await part.toBuffer();
  } catch (err) {
    throw asClientError(err, opts.tooLarge);
  }
  if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE', opts.tooLarge);
  return {
    data,
    mime: part.mimetype,
    fileName,
    field: (name) => fields[name]?.trim() || null,
  };
}

/**
 * A multipart body of text fields and several files, each file handed to `receive` as it streams in (nothing held in
 * memory); the same hygiene as readUpload. On any error the files received so far are given to `discard`.
 */
export async function readParts<F>(
  req: FastifyRequest,
  opts: { maxBytes: number; tooLarge: string; maxFiles: number; maxFieldBytes: number },
  receive: (stream: NodeJS.ReadableStream & { truncated?: boolean }, meta: { mime: string; fileName: string }) => Promise<F>,
  discard: (f: F) => Promise<void>,
): Promise<{ fields: Record<string, string>; files: F[] }> {
  const fields: Record<string, string> = {};
  const files: F[] = [];
  try {
    for await (const part of req.parts({ limits: { fileSize: opts.maxBytes, fieldSize: opts.maxFieldBytes, fields: 10, files: opts.maxFiles, parts: opts.maxFiles + 10 } })) {
      if (part.type === 'field') {
        // a field declared application/json arrives parsed; it is kept as the text it was sent as
        if (typeof part.value === 'string') fields[part.fieldname] = part.value;
        else if (part.value != null) fields[part.fieldname] = JSON.stringify(part.value);
        continue;
      }
      const fileName = part.filename ?? '';
      checkFileName(fileName);
      files.push(await receive(part.file, { mime: part.mimetype, fileName }));
      if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE', opts.tooLarge);
    }
    assertGoodText(fields);
    return { fields, files };
  } catch (err) {
    for (const f of files) await discard(f);
    throw asClientError(err, opts.tooLarge);
  }
}
