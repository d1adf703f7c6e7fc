import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { LaidOutBlock, LaidOutDocument } from '../documents/document-layout.js';
import { cjkFontFiles } from './cjk-font.js';

type Pdf = PDFKit.PDFDocument;

const MM = 72 / 25.4;
/** GB/T 9704-2012 page: A4, margins top 37 mm, left 28 mm, right 26 mm, bottom 35 mm. */
const MARGINS = { top: 37 * MM, bottom: 35 * MM, left: 28 * MM, right: 26 * MM };
const SIZES = { authority: 18, title: 22, body: 14, small: 10.5 };
const LINE_GAP = 6;
const SEAL_RADIUS = 21 * MM; // a 42 mm round seal
const SEAL_RED = '#c00000';

/**
 * Draws a laid-out document as an A4 PDF with the CJK font embedded (subset: only the glyphs used), text kept as
 * text (ToUnicode maps), so the document can be searched, copied and read by screen readers.
 */
export async function renderPdf(document: LaidOutDocument, options: { creationDate?: Date } = {}): Promise<Uint8Array> {
  const fonts = fontBytes();
  const pdf = new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    bufferPages: true,
    compress: true,
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: document.number ? `${document.title}（${document.number}）` : document.title,
      Author: document.authority,
      Subject: document.kind,
      Creator: 'enforcement-platform engine-workers',
      ...(options.creationDate ? { CreationDate: options.creationDate, ModDate: options.creationDate } : {}),
    },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    pdf.on('end', () => resolve());
    pdf.on('error', reject);
  });
  pdf.registerFont('body', fonts.regular);
  pdf.registerFont('bold', fonts.bold);
  pdf.font('body').fontSize(SIZES.body);

  for (const block of document.blocks) drawBlock(pdf, block);
  drawPageNumbers(pdf);
  pdf.end();
  await ended;
  return new Uint8Array(Buffer.concat(chunks));
}

let cachedFonts: { regular: Buffer; bold: Buffer } | undefined;

/** The two font files (about 15 MB each) read once per process; pdfkit subsets them anew for each document. */
function fontBytes(): { regular: Buffer; bold: Buffer } {
  if (!cachedFonts) {
    const files = cjkFontFiles();
    cachedFonts = { regular: readFileSync(files.regular), bold: readFileSync(files.bold) };
  }
  return cachedFonts;
}

function contentWidth(pdf: Pdf): number {
  return pdf.page.width - MARGINS.left - MARGINS.right;
}

function ensureSpace(pdf: Pdf, height: number): void {
  if (pdf.y + height > pdf.page.height - MARGINS.bottom) pdf.addPage();
}

function drawBlock(pdf: Pdf, block: LaidOutBlock): void {
  const width = contentWidth(pdf);
  const x = MARGINS.left;
  switch (block.type) {
    case 'authority':
      pdf.font('bold').fontSize(SIZES.authority).text(block.text, x, pdf.y, { width, align: 'center' });
      pdf.moveDown(0.3);
      return;
    case 'title':
      pdf.font('bold').fontSize(SIZES.title).text(block.text, x, pdf.y, { width, align: 'center', characterSpacing: 2 });
      pdf.moveDown(0.4);
      return;
    case 'number':
      pdf.font('body').fontSize(SIZES.body).text(block.text, x, pdf.y, { width, align: 'right' });
      pdf.moveDown(0.8);
      return;
    case 'field':
      pdf.font('bold').fontSize(SIZES.body).text(`${block.label}：`, x, pdf.y, { width, continued: true, lineGap: LINE_GAP });
      pdf.font('body').text(block.text, { lineGap: LINE_GAP });
      return;
    case 'heading':
      ensureSpace(pdf, 3 * SIZES.body);
      pdf.moveDown(0.3);
      pdf.font('bold').fontSize(SIZES.body).text(block.text, x, pdf.y, { width, lineGap: LINE_GAP });
      return;
    case 'paragraph':
      pdf.font('body').fontSize(SIZES.body).text(block.text, x, pdf.y, { width, indent: 2 * SIZES.body, lineGap: LINE_GAP, align: 'justify' });
      return;
    case 'list':
      pdf.font('body').fontSize(SIZES.body);
      for (const item of block.items) pdf.text(item, x + 2 * SIZES.body, pdf.y, { width: width - 2 * SIZES.body, lineGap: LINE_GAP });
      return;
    case 'table':
      drawTable(pdf, block.columns, block.rows, columnWeights(block.columns));
      return;
    case 'form':
      drawTable(pdf, null, block.rows.map((row) => [row.label, row.text]), [0.34, 0.66], { minRowHeight: 30, boldFirstColumn: true });
      return;
    case 'signature':
      drawSignature(pdf, block.authority, block.date, block.seal);
      return;
  }
}

function columnWeights(columns: string[]): number[] {
  // 序号 narrow, 名称 wide, the rest equal
  const weights = columns.map((_, i) => (i === 0 ? 0.6 : i === 1 ? 2.2 : 1));
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / total);
}

function drawTable(pdf: Pdf, header: string[] | null, rows: string[][], weights: number[], options: { minRowHeight?: number; boldFirstColumn?: boolean } = {}): void {
  const width = contentWidth(pdf);
  const widths = weights.map((w) => w * width);
  const padding = 4;
  const size = SIZES.body - 2;
  pdf.moveDown(0.3);
  const drawRow = (cells: string[], bold: boolean) => {
    pdf.fontSize(size);
    const heights = cells.map((cell, i) => {
      pdf.font(bold || (options.boldFirstColumn && i === 0) ? 'bold' : 'body');
      return pdf.heightOfString(cell || ' ', { width: (widths[i] as number) - 2 * padding });
    });
    const height = Math.max(options.minRowHeight ?? 0, ...heights.map((h) => h + 2 * padding));
    ensureSpace(pdf, height);
    const top = pdf.y;
    let left = MARGINS.left;
    cells.forEach((cell, i) => {
      const cellWidth = widths[i] as number;
      pdf.rect(left, top, cellWidth, height).lineWidth(0.6).stroke('#000000');
      pdf.font(bold || (options.boldFirstColumn && i === 0) ? 'bold' : 'body').fontSize(size);
      pdf.text(cell, left + padding, top + padding, { width: cellWidth - 2 * padding });
      left += cellWidth;
    });
    pdf.x = MARGINS.left;
    pdf.y = top + height;
  };
  if (header) drawRow(header, true);
  for (const row of rows) drawRow(row, false);
  pdf.fontSize(SIZES.body);
  pdf.moveDown(0.5);
}

/** The issuing authority and date, right-aligned, under a round seal outline where the seal is to be stamped. */
function drawSignature(pdf: Pdf, authority: string, date: string, seal: string): void {
  const width = contentWidth(pdf);
  ensureSpace(pdf, 2 * SEAL_RADIUS + 24);
  pdf.moveDown(1.5);
  const top = pdf.y;
  const textWidth = Math.max(pdf.font('body').fontSize(SIZES.body).widthOfString(authority), pdf.widthOfString(date)) + 8;
  const textLeft = MARGINS.left + width - textWidth - 2 * SIZES.body;
  const centreX = textLeft + textWidth / 2;
  const centreY = top + SEAL_RADIUS / 1.2;
  pdf.save();
  pdf.circle(centreX, centreY, SEAL_RADIUS).lineWidth(1).dash(4, { space: 3 }).stroke(SEAL_RED);
  pdf.undash();
  pdf.fillColor(SEAL_RED).font('body').fontSize(SIZES.small).text(seal, centreX - SEAL_RADIUS, centreY - SEAL_RADIUS + 8, { width: 2 * SEAL_RADIUS, align: 'center' });
  pdf.restore();
  pdf.fillColor('#000000').font('body').fontSize(SIZES.body);
  pdf.text(authority, textLeft, centreY - SIZES.body, { width: textWidth, align: 'center' });
  pdf.text(date, textLeft, pdf.y + 4, { width: textWidth, align: 'center' });
  pdf.x = MARGINS.left;
  pdf.y = Math.max(pdf.y, centreY + SEAL_RADIUS) + 8;
}

/** 第 1 页 共 2 页 at the foot of every page. */
function drawPageNumbers(pdf: Pdf): void {
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    pdf.switchToPage(i);
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0; // writing inside the bottom margin must not add a page
    pdf.font('body').fontSize(SIZES.small).fillColor('#000000').text(`第 ${i + 1} 页 共 ${range.count} 页`, MARGINS.left, pdf.page.height - bottom / 2, { width: contentWidth(pdf), align: 'center', lineBreak: false });
    pdf.page.margins.bottom = bottom;
  }
}
