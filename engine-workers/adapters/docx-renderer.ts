import { AlignmentType, Document, Footer, Packer, PageNumber, Paragraph, Table, TableCell, TableRow, TextRun, WidthType, type IFontAttributesProperties } from 'docx';
import type { LaidOutBlock, LaidOutDocument } from '../documents/document-layout.js';

/** Twips per millimetre (1 inch = 1440 twips). */
const MM = 1440 / 25.4;
/** Half-points: 三号 16 pt, 四号 14 pt, 二号 22 pt, 小四 12 pt, 五号 10.5 pt. */
const SIZE = { authority: 36, title: 44, body: 28, table: 24, small: 21 };
/**
 * Word shows the fonts of the reader's machine: 仿宋 for the text and 宋体 for titles, as government documents use
 * (GB/T 9704-2012); Latin letters and figures in Times New Roman.
 */
const BODY_FONT: IFontAttributesProperties = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋', cs: 'Times New Roman' };
const TITLE_FONT: IFontAttributesProperties = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体', cs: 'Times New Roman' };
const LINE = { line: 360, before: 0, after: 80 };

/** The same laid-out document as the PDF, as an editable Word file (.docx). */
export async function renderDocx(document: LaidOutDocument): Promise<Uint8Array> {
  const doc = new Document({
    creator: document.authority,
    title: document.number ? `${document.title}（${document.number}）` : document.title,
    subject: document.kind,
    styles: { default: { document: { run: { font: BODY_FONT, size: SIZE.body } } } },
    sections: [
      {
        properties: { page: { size: { width: Math.round(210 * MM), height: Math.round(297 * MM) }, margin: { top: Math.round(37 * MM), bottom: Math.round(35 * MM), left: Math.round(28 * MM), right: Math.round(26 * MM) } } },
        footers: {
          default: new Footer({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['第 ', PageNumber.CURRENT, ' 页 共 ', PageNumber.TOTAL_PAGES, ' 页'], size: SIZE.small })] })],
          }),
        },
        children: document.blocks.flatMap(blockElements),
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

function blockElements(block: LaidOutBlock): Array<Paragraph | Table> {
  switch (block.type) {
    case 'authority':
      return [new Paragraph({ alignment: AlignmentType.CENTER, spacing: LINE, children: [new TextRun({ text: block.text, bold: true, size: SIZE.authority, font: TITLE_FONT })] })];
    case 'title':
      return [new Paragraph({ alignment: AlignmentType.CENTER, spacing: { ...LINE, after: 200 }, children: [new TextRun({ text: block.text, bold: true, size: SIZE.title, font: TITLE_FONT })] })];
    case 'number':
      return [new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { ...LINE, after: 240 }, children: [new TextRun(block.text)] })];
    case 'field':
      return [new Paragraph({ spacing: LINE, children: [new TextRun({ text: `${block.label}：`, bold: true }), new TextRun(block.text)] })];
    case 'heading':
      return [new Paragraph({ spacing: { ...LINE, before: 120 }, children: [new TextRun({ text: block.text, bold: true })] })];
    case 'paragraph':
      return [new Paragraph({ spacing: LINE, alignment: AlignmentType.JUSTIFIED, indent: { firstLine: 2 * 280 }, children: [new TextRun(block.text)] })];
    case 'list':
      return block.items.map((item) => new Paragraph({ spacing: LINE, indent: { left: 2 * 280 }, children: [new TextRun(item)] }));
    case 'table':
      return [table([block.columns, ...block.rows], true), new Paragraph({ children: [] })];
    case 'form':
      return [table(block.rows.map((row) => [row.label, row.text]), false, [34, 66]), new Paragraph({ children: [] })];
    case 'signature':
      return [
        new Paragraph({ spacing: { before: 480 }, children: [] }),
        new Paragraph({ alignment: AlignmentType.RIGHT, spacing: LINE, indent: { right: 2 * 280 }, children: [new TextRun({ text: block.seal, color: 'C00000' })] }),
        new Paragraph({ alignment: AlignmentType.RIGHT, spacing: LINE, indent: { right: 2 * 280 }, children: [new TextRun(block.authority)] }),
        new Paragraph({ alignment: AlignmentType.RIGHT, spacing: LINE, indent: { right: 2 * 280 }, children: [new TextRun(block.date)] }),
      ];
  }
}

function table(rows: string[][], header: boolean, percentages?: number[]): Table {
  const columns = rows[0]?.length ?? 1;
  const widths = percentages ?? Array.from({ length: columns }, (_, i) => (i === 0 ? 8 : i === 1 ? 30 : 62 / Math.max(1, columns - 2)));
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map(
      (cells, r) =>
        new TableRow({
          tableHeader: header && r === 0,
          children: cells.map(
            (cell, c) =>
              new TableCell({
                width: { size: widths[c] ?? 10, type: WidthType.PERCENTAGE },
                children: [new Paragraph({ children: [new TextRun({ text: cell, size: SIZE.table, bold: (header && r === 0) || (!header && c === 0) })] })],
              }),
          ),
        }),
    ),
  });
}
