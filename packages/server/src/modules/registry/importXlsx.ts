// A small, fast reader for the first worksheet of an .xlsx file: the cell texts of every row, nothing else.
// ExcelJS's streaming reader (SAX events, a Row object per row, a cell model per cell) took ~7 s for a
// 100,000-row file; unzipping with node:zlib and scanning the sheet XML with regular expressions takes well
// under a second for the same file. ExcelJS still writes the template and the exports.
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
/** Rows are decoded and scanned in slices of about this many bytes, the event loop getting a turn between them. */
const SLICE_BYTES = 2 * 1024 * 1024;

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
    return await inflateRawAsync(raw, { maxOutputLength: MAX_XML_BYTES });
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

function sharedStrings(xml: string): string[] {
  const out: string[] = [];
  const si = /<(?:\w+:)?si>([\s\S]*?)<\/(?:\w+:)?si>|<(?:\w+:)?si\/>/g;
  for (let m = si.exec(xml); m; m = si.exec(xml)) out.push(m[1] === undefined ? '' : itemText(m[1].replace(T_EMPTY_RE, '')));
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

/** Column number (A = 1) of a cell reference such as "AB12". */
function columnOf(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n;
}

const ROW_RE = /<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g;
const CELL_RE = /<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g;
const V_RE = /<(?:\w+:)?v>([^<]*)<\/(?:\w+:)?v>/;
const IS_RE = /<(?:\w+:)?is>([\s\S]*?)<\/(?:\w+:)?is>/;
const R_ATTR = /\br="([A-Z]*)(\d*)"/;
const T_ATTR = /\bt="(\w+)"/;

function cellText(type: string | undefined, body: string | undefined, strings: string[]): string {
  if (!body) return '';
  if (type === 'inlineStr') {
    const is = IS_RE.exec(body);
    return is ? itemText(is[1]!).trim() : '';
  }
  const v = V_RE.exec(body)?.[1];
  if (v === undefined) return '';
  switch (type) {
    case 's':
      return (strings[Number(v)] ?? '').trim();
    case 'str':
    case 'e':
      return xmlText(v).trim();
    case 'b':
      return v === '1' || v === 'true' ? 'true' : 'false';
    case 'd':
      return v.slice(0, 10);
    default: {
      const n = Number(v);
      return Number.isNaN(n) ? xmlText(v).trim() : String(n);
    }
  }
}

export interface SheetRow {
  /** the row number in the worksheet (1 = the first row) */
  n: number;
  /** cell texts from column A, trimmed; '' where a cell is empty */
  values: string[];
}

/**
 * The non-empty rows of the first worksheet. `onRows` is told the row number reached after each slice; the event
 * loop gets a turn between slices, so progress polls are answered while a large file is read.
 */
export async function readXlsxRows(buf: Buffer, onRows?: (rowNumber: number) => void): Promise<SheetRow[]> {
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

  const rows: SheetRow[] = [];
  let lastRow = 0;
  let pos = sheet.indexOf('<sheetData');
  if (pos < 0) return rows;
  while (pos < sheet.length) {
    // A slice ends after a </row> (or at the end), so no row is cut in two.
    let end = sheet.length;
    if (pos + SLICE_BYTES < sheet.length) {
      const close = sheet.indexOf('</row>', pos + SLICE_BYTES);
      const closeNs = close < 0 ? sheet.indexOf(':row>', pos + SLICE_BYTES) : -1;
      end = close >= 0 ? close + 6 : closeNs >= 0 ? closeNs + 5 : sheet.length;
    }
    const xml = sheet.toString('utf8', pos, end);
    pos = end;
    ROW_RE.lastIndex = 0;
    for (let m = ROW_RE.exec(xml); m; m = ROW_RE.exec(xml)) {
      const rAttr = /\br="(\d+)"/.exec(m[1]!)?.[1];
      const n = rAttr ? Number(rAttr) : lastRow + 1;
      lastRow = n;
      const body = m[2];
      if (!body) continue;
      const values: string[] = [];
      let col = 0;
      let any = false;
      CELL_RE.lastIndex = 0;
      for (let c = CELL_RE.exec(body); c; c = CELL_RE.exec(body)) {
        const attrs = c[1]!;
        const ref = R_ATTR.exec(attrs);
        col = ref && ref[1] ? columnOf(ref[1]) : col + 1;
        const value = cellText(T_ATTR.exec(attrs)?.[1], c[2], strings);
        if (value === '') continue;
        while (values.length < col - 1) values.push('');
        values[col - 1] = value;
        any = true;
      }
      if (any) rows.push({ n, values });
    }
    onRows?.(lastRow);
    await new Promise((r) => setImmediate(r));
  }
  return rows;
}
