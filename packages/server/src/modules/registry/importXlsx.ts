// A small, fast reader for the first worksheet of an .xlsx file: the cell texts of every row, nothing else.
// ExcelJS's streaming reader (SAX events, a Row object per row, a cell model per cell) was the import's slowest part;
// unzipping with node:zlib and scanning the sheet XML with regular expressions is several times faster (docs/benchmarks.md
// § registry). ExcelJS still writes the template and the exports.
//
// What it reads (ECMA-376 SpreadsheetML): shared strings (plain and rich text, without phonetic runs), inline
// strings, formula results, numbers (as JavaScript prints them, as ExcelJS gives them), booleans, ISO dates and
// error values. Styles are ignored: a date typed as a number reads as that number (as with ExcelJS and
// `styles: 'ignore'`). The ZIP container is read through its central directory (no ZIP64, no encryption).
import { promisify } from 'node:util';
import { inflateRaw } from 'node:zlib';
import { AppError } from '../../lib/errors.js';

const inflateRawAsync = promisify(inflateRaw);

/** An upload is at most 100 MB; its sheet XML, inflated, at most this (a bomb stops here). */
const MAX_XML_BYTES = 1024 * 1024 * 1024;
/** Rows are decoded and scanned in slices of about this many bytes (some 3,000 rows), the event loop getting a turn between them. */
const SLICE_BYTES = 2 * 1024 * 1024;
/** zlib's default output chunk (16 KiB) means thousands of thread-pool round trips for one sheet. */
const INFLATE_CHUNK = 4 * 1024 * 1024;

const invalid = (detail = '') => new AppError('INVALID_FILE', `文件不是有效的 .xlsx 工作簿${detail}`);

interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

function zipEntries(buf: Buffer): Map<string, ZipEntry> {
  // End of central directory: 22 bytes plus a comment of up to 65,535 bytes, at the end of the file.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw invalid();
  const count = buf.readUInt16LE(eocd + 10);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw invalid('（不支持 ZIP64 格式，请在 Excel 中另存为 .xlsx）');
  const entries = new Map<string, ZipEntry>();
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw invalid();
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    entries.set(name, {
      name,
      flags: buf.readUInt16LE(p + 8),
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

async function entryData(buf: Buffer, e: ZipEntry): Promise<Buffer> {
  if (e.flags & 1) throw invalid('（文件已加密，请取消密码后再导入）');
  const p = e.localOffset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== 0x04034b50) throw invalid();
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  const raw = buf.subarray(start, start + e.compressedSize);
  if (raw.length !== e.compressedSize) throw invalid();
  if (e.method === 0) return raw;
  if (e.method !== 8) throw invalid();
  try {
    // Off the event loop (zlib's thread pool): a 100 MB sheet does not stall the server.
    return await inflateRawAsync(raw, { maxOutputLength: MAX_XML_BYTES, chunkSize: INFLATE_CHUNK });
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new AppError('INVALID_FILE', '工作表过大，请拆分文件');
    throw invalid();
  }
}

const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/** OOXML escapes characters XML cannot carry as _xHHHH_ (e.g. _x000D_ for a carriage return). */
const OOXML_ESCAPE = /_x([0-9a-fA-F]{4})_/g;

function xmlText(s: string): string {
  if (s.includes('&')) {
    s = s.replace(ENTITY, (_, e: string) =>
      e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : NAMED[e]!,
    );
  }
  if (s.includes('_x')) s = s.replace(OOXML_ESCAPE, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return s;
}

// Element names may carry a namespace prefix (<x:row>, as the Open XML SDK writes).
const T_RE = /<(?:\w+:)?t(?:\s[^>]*)?>([^<]*)<\/(?:\w+:)?t>/g;
const T_EMPTY_RE = /<(?:\w+:)?t(?:\s[^>]*)?\/>/g;
const PHONETIC_RE = /<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g;

/** The text of a string item (<si> or <is>): its <t> runs, without phonetic guides. */
function itemText(xml: string): string {
  if (xml.includes('rPh')) xml = xml.replace(PHONETIC_RE, '');
  let out = '';
  T_RE.lastIndex = 0;
  for (let m = T_RE.exec(xml); m; m = T_RE.exec(xml)) out += m[1];
  return xmlText(out);
}

/** The shared string table, each entry trimmed (the import trims every cell). */
function sharedStrings(xml: string): string[] {
  const out: string[] = [];
  const si = /<(?:\w+:)?si>([\s\S]*?)<\/(?:\w+:)?si>|<(?:\w+:)?si\/>/g;
  // Trimmed once here rather than at every cell that uses them.
  for (let m = si.exec(xml); m; m = si.exec(xml)) out.push(m[1] === undefined ? '' : itemText(m[1].includes('/>') ? m[1].replace(T_EMPTY_RE, '') : m[1]).trim());
  return out;
}

/** Target of the first worksheet in workbook order (the one ExcelJS reads first and the user sees first). */
function firstSheetPath(workbook: string | undefined, rels: string | undefined, entries: Map<string, ZipEntry>): string {
  const rid = workbook && /<(?:\w+:)?sheet\b[^>]*?\br:id="([^"]+)"/.exec(workbook)?.[1];
  if (rid && rels) {
    for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
      if (attr(m[0], 'Id') === rid) {
        const target = attr(m[0], 'Target') ?? '';
        const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
        if (entries.has(path)) return path;
      }
    }
  }
  const sheets = [...entries.keys()].filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
  sheets.sort((a, b) => Number(/\d+/.exec(a.slice(14))![0]) - Number(/\d+/.exec(b.slice(14))![0]));
  if (!sheets[0]) throw invalid('（没有工作表）');
  return sheets[0];
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m?.[1];
}


const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;

/** After an element name: whitespace, '>' or '/' (so <row does not match <rowBreaks). */
const endsName = (c: number | undefined) => c === 32 || c === 62 || c === 47 || c === 9 || c === 10 || c === 13;
const isSpace = (c: number | undefined) => c === 32 || c === 9 || c === 10 || c === 13;

/** [from, to) of the value of the one-letter attribute `name` (a byte) in the tag buf[start, end), or null. */
function attrRange(buf: Buffer, start: number, end: number, name: number): [number, number] | null {
  for (let k = start; k + 3 < end; k++) {
    if (buf[k + 1] === name && buf[k + 2] === 0x3d && isSpace(buf[k])) {
      const quote = buf[k + 3]!;
      const from = k + 4;
      return [from, find(buf, quote, from, end)];
    }
  }
  return null;
}

/** Index of the first byte b at or after i (before `to`), or `to`: a plain loop, cheaper than a native call per tag. */
function find(buf: Buffer, b: number, i: number, to: number): number {
  while (i < to && buf[i] !== b) i++;
  return i;
}

function numberAt(buf: Buffer, from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) n = n * 10 + (buf[k]! - 48);
  return n;
}

// Cell types (the t attribute), as small numbers: no string per cell.
const T_NUMBER = 0;
const T_SHARED = 1;
const T_STR = 2;
const T_BOOL = 3;
const T_DATE = 4;
const T_INLINE = 5;

function cellType(buf: Buffer, r: [number, number] | null): number {
  if (!r) return T_NUMBER;
  const [from, to] = r;
  switch (buf[from]) {
    case 0x73: // s, str
      return to - from === 1 ? T_SHARED : T_STR;
    case 0x65: // e (error: its text)
      return T_STR;
    case 0x62:
      return T_BOOL;
    case 0x64:
      return T_DATE;
    case 0x69: // inlineStr
      return T_INLINE;
    default:
      return T_NUMBER;
  }
}

function valueText(type: number, buf: Buffer, from: number, to: number, strings: string[]): string {
  if (from >= to) return '';
  switch (type) {
    case T_SHARED:
      return strings[numberAt(buf, from, to)] ?? '';
    case T_STR:
      return xmlText(buf.toString('utf8', from, to)).trim();
    case T_BOOL:
      return buf[from] === 0x31 || buf[from] === 0x74 ? 'true' : 'false';
    case T_DATE:
      return buf.toString('latin1', from, Math.min(to, from + 10));
    default: {
      // Whole numbers of up to 15 digits without leading zeros (counts, phone numbers) straight from the bytes.
      if (to - from <= 15 && (buf[from] !== 0x30 || to - from === 1)) {
        let n = 0;
        let k = from;
        for (; k < to; k++) {
          const d = buf[k]! - 48;
          if (d < 0 || d > 9) break;
          n = n * 10 + d;
        }
        if (k === to) return String(n);
      }
      const v = buf.toString('latin1', from, to);
      const n = Number(v);
      return Number.isNaN(n) ? xmlText(buf.toString('utf8', from, to)).trim() : String(n);
    }
  }
}

/** Column number (A = 1) from the letters at the start of a cell reference in buf[from, to). */
function columnAt(buf: Buffer, from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) {
    const c = buf[k]!;
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n;
}

/**
 * The rows in buf[from, to) of the sheet XML, made of whole <row> elements. A byte-level scan: the markup is ASCII
 * and nearly every cell refers to a shared string by number, so most cells cost no string at all.
 */
function scanRows(buf: Buffer, from: number, to: number, pfx: Buffer, strings: string[], out: SheetRow[], state: { lastRow: number }): void {
  const pl = pfx.length;
  let values: string[] = [];
  let inRow = false;
  let col = 0;
  let type = T_NUMBER;
  let inCell = false;
  let i = from;
  for (;;) {
    i = find(buf, LT, i, to);
    if (i >= to) break;
    let j = i + 1;
    const closing = buf[j] === SLASH;
    if (closing) j++;
    if (pl && !prefixAt(buf, j, pfx)) {
      i = j;
      continue;
    }
    j += pl;
    const c0 = buf[j];
    if (c0 === 0x72 && buf[j + 1] === 0x6f && buf[j + 2] === 0x77 && endsName(buf[j + 3])) {
      // <row …> or </row>
      const tagEnd = find(buf, GT, j, to);
      if (closing) {
        if (inRow && values.length) out.push({ n: state.lastRow, values });
        inRow = false;
      } else {
        const r = attrRange(buf, j + 3, tagEnd, 0x72);
        state.lastRow = r ? numberAt(buf, r[0], r[1]) : state.lastRow + 1;
        values = [];
        col = 0;
        inRow = buf[tagEnd - 1] !== SLASH; // <row …/> has no cells
      }
      i = tagEnd + 1;
    } else if (c0 === 0x63 && endsName(buf[j + 1])) {
      // <c …> or </c>
      const tagEnd = find(buf, GT, j, to);
      if (closing) inCell = false;
      else {
        const r = attrRange(buf, j + 1, tagEnd, 0x72);
        const refCol = r ? columnAt(buf, r[0], r[1]) : 0;
        col = refCol > 0 ? refCol : col + 1;
        type = cellType(buf, attrRange(buf, j + 1, tagEnd, 0x74));
        inCell = inRow && buf[tagEnd - 1] !== SLASH;
      }
      i = tagEnd + 1;
    } else if (!closing && inCell && c0 === 0x76 && buf[j + 1] === GT) {
      // <v>value</v>
      const vEnd = find(buf, LT, j + 2, to);
      setValue(values, col, valueText(type, buf, j + 2, vEnd, strings));
      i = vEnd;
    } else if (!closing && inCell && c0 === 0x69 && buf[j + 1] === 0x73 && endsName(buf[j + 2])) {
      // <is>…</is>: an inline string
      const close = buf.indexOf(`</${pfx.toString('latin1')}is>`, j, 'latin1');
      const end = close < 0 || close > to ? to : close;
      const tagEnd = find(buf, GT, j, to);
      setValue(values, col, itemText(buf.toString('utf8', tagEnd + 1, end)).trim());
      i = end;
    } else {
      i = j;
    }
  }
  if (inRow && values.length) out.push({ n: state.lastRow, values });
}

function prefixAt(buf: Buffer, j: number, pfx: Buffer): boolean {
  for (let k = 0; k < pfx.length; k++) if (buf[j + k] !== pfx[k]) return false;
  return true;
}

function setValue(values: string[], col: number, value: string): void {
  if (value === '' || col < 1) return;
  while (values.length < col - 1) values.push('');
  values[col - 1] = value;
}

/**
 * Where <sheetData> opens, and its namespace prefix ('' or e.g. 'x:'). Searched in the whole sheet: a long <cols> or
 * other header elements can push it far from the start.
 */
function sheetDataAt(sheet: Buffer): { pos: number; prefix: string } | null {
  for (let i = sheet.indexOf('sheetData'); i > 0; i = sheet.indexOf('sheetData', i + 9)) {
    if (!endsName(sheet[i + 9])) continue;
    if (sheet[i - 1] === LT) return { pos: i - 1, prefix: '' };
    if (sheet[i - 1] !== 0x3a) continue; // ':'
    let s = i - 2;
    while (s >= 0 && isNameByte(sheet[s]!)) s--;
    if (s >= 0 && s < i - 2 && sheet[s] === LT) return { pos: s, prefix: sheet.toString('latin1', s + 1, i) };
  }
  return null;
}

const isNameByte = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;

export interface SheetRow {
  /** the row number in the worksheet (1 = the first row) */
  n: number;
  /** cell texts from column A, trimmed; '' where a cell is empty */
  values: string[];
}

/**
 * The non-empty rows of the first worksheet, in slices of a few thousand rows. The event loop gets a turn between
 * slices, so progress polls are answered while a large file is read, and a consumer can write one slice to the
 * database while the next is read.
 */
export async function* xlsxRowSlices(buf: Buffer): AsyncGenerator<SheetRow[]> {
  if (buf.length < 4 || buf.readUInt32LE(0) !== 0x04034b50) throw invalid();
  const entries = zipEntries(buf);
  const text = async (name: string) => {
    const e = entries.get(name);
    return e ? (await entryData(buf, e)).toString('utf8') : undefined;
  };
  const workbook = await text('xl/workbook.xml');
  const rels = await text('xl/_rels/workbook.xml.rels');
  const sheetPath = firstSheetPath(workbook, rels, entries);
  let ssPath = 'xl/sharedStrings.xml';
  for (const m of rels?.matchAll(/<Relationship\b[^>]*>/g) ?? []) {
    if ((attr(m[0], 'Type') ?? '').endsWith('/sharedStrings')) {
      const target = attr(m[0], 'Target') ?? '';
      ssPath = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
    }
  }
  const ssXml = await text(ssPath);
  const strings = ssXml ? sharedStrings(ssXml) : [];
  const sheet = await entryData(buf, entries.get(sheetPath)!);

  const start = sheetDataAt(sheet);
  if (!start) return;
  let pos = start.pos;
  const pfx = Buffer.from(start.prefix, 'latin1');
  const rowClose = Buffer.from(`</${start.prefix}row>`, 'latin1');
  const state = { lastRow: 0 };
  while (pos < sheet.length) {
    // A slice ends after a </row> (or at the end), so no row is cut in two.
    let end = sheet.length;
    if (pos + SLICE_BYTES < sheet.length) {
      const close = sheet.indexOf(rowClose, pos + SLICE_BYTES);
      if (close >= 0) end = close + rowClose.length;
    }
    const rows: SheetRow[] = [];
    scanRows(sheet, pos, end, pfx, strings, rows, state);
    pos = end;
    if (rows.length) yield rows;
    await new Promise((r) => setImmediate(r));
  }
}

/** All non-empty rows of the first worksheet. */
export async function readXlsxRows(buf: Buffer): Promise<SheetRow[]> {
  const rows: SheetRow[] = [];
  for await (const slice of xlsxRowSlices(buf)) rows.push(...slice);
  return rows;
}
