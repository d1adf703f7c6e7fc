import type { LaidOutDocument } from '../documents/document-layout.js';

/** Turns a laid-out legal document into file bytes. CPU work, behind a port so tests and jobs share one renderer. */
export interface DocumentRenderer {
  pdf(document: LaidOutDocument): Promise<Uint8Array>;
  docx(document: LaidOutDocument): Promise<Uint8Array>;
}
