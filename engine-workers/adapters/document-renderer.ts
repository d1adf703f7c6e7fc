import type { DocumentRenderer } from '../ports/document-renderer.js';
import { renderDocx } from './docx-renderer.js';
import { renderPdf } from './pdf-renderer.js';

/** PDF with pdfkit and the bundled CJK font; DOCX with docx. */
export function createDocumentRenderer(): DocumentRenderer {
  return { pdf: (document) => renderPdf(document), docx: (document) => renderDocx(document) };
}
