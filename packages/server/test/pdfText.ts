// Minimal PDF text extraction for pdfkit output (Type0 fonts, ToUnicode maps, TJ with hex glyph ids), for the tests
// that read back the documents and reports they render.
import { inflateSync } from 'node:zlib';

// ---------- minimal PDF text extraction (pdfkit output: Type0 fonts, ToUnicode maps, TJ with hex glyph ids) ----------

export interface PdfLine {
  page: number;
  x: number;
  y: number;
  width: number;
  text: string;
}

export function pdfLines(pdf: Buffer): { pages: { width: number; height: number }[]; lines: PdfLine[] } {
  const src = pdf.toString('latin1');
  const objs = new Map<number, { dict: string; stream?: Buffer }>();
  const re = /(\d+) 0 obj\s*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(src))) {
    const start = m.index + m[0].length;
    const end = src.indexOf('endobj', start);
    const body = src.slice(start, end);
    const si = body.indexOf('stream');
    const len = si >= 0 ? /\/Length (\d+)/.exec(body.slice(0, si)) : null;
    if (len) {
      let at = start + si + 'stream'.length;
      if (src[at] === '\r') at++;
      if (src[at] === '\n') at++;
      let data = pdf.subarray(at, at + Number(len[1]));
      if (/FlateDecode/.test(body.slice(0, si))) data = inflateSync(data);
      objs.set(Number(m[1]), { dict: body.slice(0, si), stream: data });
      re.lastIndex = at + Number(len[1]);
    } else {
      objs.set(Number(m[1]), { dict: body });
      re.lastIndex = end;
    }
  }
  const ref = (dict: string, key: string) => Number(new RegExp(`/${key} (\\d+) 0 R`).exec(dict)?.[1] ?? NaN);
  const hex = (h: string) => String.fromCharCode(...(h.match(/.{4}/g) ?? []).map((u) => parseInt(u, 16)));
  type Font = { uni: Map<number, string>; w: Map<number, number> };
  const fonts = new Map<number, Font>();
  for (const [id, o] of objs) {
    if (!/\/Subtype \/Type0/.test(o.dict)) continue;
    const uni = new Map<number, string>();
    const cmap = objs.get(ref(o.dict, 'ToUnicode'))?.stream?.toString('latin1') ?? '';
    for (const b of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
      for (const e of b[1]!.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*(\[[^\]]*\]|<[0-9a-f]+>)/gi)) {
        const lo = parseInt(e[1]!, 16);
        if (e[3]!.startsWith('[')) [...e[3]!.matchAll(/<([0-9a-f]+)>/gi)].forEach((u, k) => uni.set(lo + k, hex(u[1]!)));
        else for (let c = lo; c <= parseInt(e[2]!, 16); c++) uni.set(c, String.fromCodePoint(parseInt(e[3]!.slice(1, -1), 16) + c - lo));
      }
    }
    for (const b of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) for (const e of b[1]!.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>/gi)) uni.set(parseInt(e[1]!, 16), hex(e[2]!));
    const w = new Map<number, number>();
    const desc = /\/DescendantFonts \[(\d+) 0 R\]/.exec(o.dict);
    const arr = desc ? /\/W \[([\s\S]*?\])\s*\]/.exec(objs.get(Number(desc[1]))!.dict)?.[1] : undefined;
    const toks = arr?.match(/\[|\]|-?\d+(?:\.\d+)?/g) ?? [];
    for (let i = 0; i < toks.length; ) {
      const first = Number(toks[i++]);
      if (toks[i] === '[') {
        i++;
        for (let c = first; toks[i] !== ']'; c++) w.set(c, Number(toks[i++]));
        i++;
      } else {
        const last = Number(toks[i++]);
        const width = Number(toks[i++]);
        for (let c = first; c <= last; c++) w.set(c, width);
      }
    }
    fonts.set(id, { uni, w });
  }
  const root = [...objs.values()].find((o) => /\/Type \/Pages/.test(o.dict))!;
  const kids = [.../\/Kids \[([^\]]*)\]/.exec(root.dict)![1]!.matchAll(/(\d+) 0 R/g)].map((k) => Number(k[1]));
  const pages: { width: number; height: number }[] = [];
  const lines: PdfLine[] = [];
  kids.forEach((pid, pageIndex) => {
    const page = objs.get(pid)!.dict;
    const box = /\/MediaBox \[([^\]]*)\]/.exec(page)![1]!.trim().split(/\s+/).map(Number);
    pages.push({ width: box[2]!, height: box[3]! });
    const res = objs.get(ref(page, 'Resources'))?.dict ?? page;
    const fontRes = new Map<string, number>();
    for (const f of (/\/Font\s*<<([\s\S]*?)>>/.exec(res)?.[1] ?? '').matchAll(/\/(\S+) (\d+) 0 R/g)) fontRes.set(f[1]!, Number(f[2]));
    const content = objs.get(ref(page, 'Contents'))!.stream!.toString('latin1');
    let font: Font | undefined;
    let size = 0;
    let tc = 0;
    let x = 0;
    let y = 0;
    const ops = /(\bBT\b)|\/(\S+) ([\d.]+) Tf|(-?[\d.]+) Tc|[\d.-]+ [\d.-]+ [\d.-]+ [\d.-]+ (-?[\d.]+) (-?[\d.]+) Tm|\[((?:<[0-9a-f]*>|\s|-?[\d.]+)*)\] TJ/gi;
    for (const op of content.matchAll(ops)) {
      if (op[1]) tc = 0; // pdfkit sets Tc inside the BT … ET (within q … Q) that needs it
      else if (op[2]) [font, size] = [fonts.get(fontRes.get(op[2])!), Number(op[3])];
      else if (op[4]) tc = Number(op[4]);
      else if (op[5]) [x, y] = [Number(op[5]), Number(op[6])];
      else if (op[7] !== undefined && font) {
        let text = '';
        let width = 0;
        let pending = 0;
        for (const part of op[7].matchAll(/<([0-9a-f]*)>|(-?[\d.]+)/gi)) {
          if (part[1] === undefined) {
            pending += Number(part[2]);
            continue;
          }
          width -= (pending / 1000) * size; // a TJ number moves the next glyph left by n/1000 em
          pending = 0;
          for (const g of part[1].match(/.{4}/g) ?? []) {
            const cid = parseInt(g, 16);
            text += font.uni.get(cid) ?? '\uFFFD';
            width += ((font.w.get(cid) ?? 1000) / 1000) * size + tc;
          }
        }
        lines.push({ page: pageIndex + 1, x, y, width: width - tc, text });
      }
    }
  });
  return { pages, lines };
}
