// R36: the report as the official form — an .xlsx of fixed layout (title, 填报单位, 报告期, the table with its fixed row
// and column headers, 填表人/审核人/填报日期) and the same as a PDF with the CJK font embedded.
import ExcelJS from 'exceljs';
import { formatFigure, figureCellValue, reportColumns, reportKindLabels, reportRows, type ReportRow } from '@anjian/domain';
import { chineseDate, renderPdf } from '../documents/pdf.js';
import type { Report } from './reportService.js';

/** The table's lines in print order: a section heading before its first row. */
export function reportLines(): ({ section: string } | { row: ReportRow })[] {
  const out: ({ section: string } | { row: ReportRow })[] = [];
  let section = '';
  for (const row of reportRows) {
    if (row.section !== section) out.push({ section: (section = row.section) });
    out.push({ row });
  }
  return out;
}

/** Fixed cells of the sheet (what a reader of the form — and the tests — rely on). */
export const XLSX_LAYOUT = { titleRow: 1, agencyRow: 2, dueRow: 3, headerRow: 4, firstLineRow: 5 } as const;

const signer = (r: Report) => ({
  preparer: r.preparedBy ?? '',
  reviewer: r.submittedBy ?? '',
  date: r.firstSubmittedOn && r.submittedAt ? chineseDate(new Date(r.submittedAt)) : '',
});

const statusLine = (r: Report) =>
  r.status === 'submitted' ? `已于${chineseDate(new Date(r.submittedAt!))}报送${r.daysLate > 0 ? `（逾期${r.daysLate}天）` : ''}` : r.status === 'returned' ? '已退回更正，尚未重新报送' : '尚未报送';

export function reportTitle(r: Report): string {
  return reportKindLabels[r.kind];
}

export function reportFileName(r: Report): string {
  return `${r.agency.name}${r.periodLabel}${reportTitle(r)}`;
}

export async function reportWorkbook(r: Report): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '安监执法平台';
  const ws = wb.addWorksheet(reportTitle(r).replace(/[“”]/g, '').slice(0, 31), { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = [{ width: 6 }, { width: 34 }, { width: 7 }, { width: 11 }, { width: 11 }, { width: 30 }];
  const L = XLSX_LAYOUT;
  const thin = { style: 'thin' as const };
  const border = { top: thin, left: thin, bottom: thin, right: thin };

  ws.mergeCells(L.titleRow, 1, L.titleRow, 6);
  const title = ws.getCell(L.titleRow, 1);
  title.value = reportTitle(r);
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(L.titleRow).height = 30;

  ws.mergeCells(L.agencyRow, 1, L.agencyRow, 3);
  ws.getCell(L.agencyRow, 1).value = `填报单位：${r.agency.name}`;
  ws.mergeCells(L.agencyRow, 4, L.agencyRow, 6);
  ws.getCell(L.agencyRow, 4).value = `报告期：${r.periodLabel}（${chineseDate(r.from)}至${chineseDate(r.to)}）`;
  ws.mergeCells(L.dueRow, 1, L.dueRow, 6);
  ws.getCell(L.dueRow, 1).value = `报送期限：${chineseDate(r.dueOn)}前　报送情况：${statusLine(r)}`;

  const header = ws.getRow(L.headerRow);
  reportColumns.forEach((h, i) => {
    const c = header.getCell(i + 1);
    c.value = h;
    c.font = { bold: true };
    c.alignment = { horizontal: 'center', vertical: 'middle' };
    c.border = border;
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF0F0F0' } };
  });

  let rowNo = L.firstLineRow;
  for (const line of reportLines()) {
    const row = ws.getRow(rowNo);
    if ('section' in line) {
      ws.mergeCells(rowNo, 1, rowNo, 6);
      row.getCell(1).value = line.section;
      row.getCell(1).font = { bold: true };
      row.getCell(1).border = border;
    } else {
      const k = line.row.key;
      const values = [line.row.no, line.row.label, line.row.unit, figureCellValue(k, r.figures.period[k]) ?? '—', figureCellValue(k, r.figures.yearToDate[k]) ?? '—', r.annotations[k] ?? ''];
      values.forEach((v, i) => {
        const c = row.getCell(i + 1);
        c.value = v;
        c.border = border;
        c.alignment = { vertical: 'middle', horizontal: i === 0 || i === 2 ? 'center' : i >= 3 && i <= 4 ? 'right' : 'left', wrapText: i === 5 || i === 1 };
      });
    }
    rowNo++;
  }
  ws.mergeCells(rowNo, 1, rowNo, 6);
  ws.getCell(rowNo, 1).value = `说明：${r.remarks ?? ''}`;
  ws.getCell(rowNo, 1).alignment = { wrapText: true, vertical: 'top' };
  ws.getRow(rowNo).height = 36;
  rowNo += 2;
  const s = signer(r);
  ws.mergeCells(rowNo, 1, rowNo, 2);
  ws.getCell(rowNo, 1).value = `填表人：${s.preparer}`;
  ws.mergeCells(rowNo, 3, rowNo, 4);
  ws.getCell(rowNo, 3).value = `审核人：${s.reviewer}`;
  ws.mergeCells(rowNo, 5, rowNo, 6);
  ws.getCell(rowNo, 5).value = `填报日期：${s.date}`;
  return wb;
}

export async function reportPdf(r: Report): Promise<Buffer> {
  const title = reportTitle(r);
  return renderPdf({ title: `${r.agency.name}${r.periodLabel}${title}`, author: r.agency.name, createdAt: r.submittedAt ? new Date(r.submittedAt) : new Date() }, (l) => {
    l.para(title, { bold: true, size: 20, align: 'center', indent: false });
    l.gap(8);
    l.field('填报单位', r.agency.name);
    l.field('报告期', `${r.periodLabel}（${chineseDate(r.from)}至${chineseDate(r.to)}）`);
    l.field('报送期限', `${chineseDate(r.dueOn)}前　报送情况：${statusLine(r)}`);
    l.gap(6);
    const rows: string[][] = [];
    for (const line of reportLines()) {
      if ('section' in line) rows.push(['', line.section, '', '', '', '']);
      else {
        const k = line.row.key;
        rows.push([String(line.row.no), line.row.label, line.row.unit, formatFigure(k, r.figures.period[k]), formatFigure(k, r.figures.yearToDate[k]), r.annotations[k] ?? '']);
      }
    }
    l.table([...reportColumns], [1.7, 7, 1.4, 2, 2.4, 5], rows);
    l.field('说明', r.remarks);
    l.gap(16);
    const s = signer(r);
    l.para(`填表人：${s.preparer || '　　　　'}　　审核人：${s.reviewer || '　　　　'}　　填报日期：${s.date || '　　年　　月　　日'}`, { indent: false });
  });
}
