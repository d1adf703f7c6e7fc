import { open } from 'node:fs/promises';
import { fileTypeFromFile } from 'file-type';

/**
 * The media type of a file as its content shows it (magic bytes, via file-type; for files without a signature, a look
 * at the text), never as its name or the client's Content-Type claims. Evidence is accepted only in the types listed
 * here, by kind; HTML, SVG, XML and executables are never accepted (they could run in the browser or on a desktop).
 */
export type EvidenceKind = 'photo' | 'audio' | 'video' | 'document' | 'signature';
export const EVIDENCE_KINDS: readonly EvidenceKind[] = ['photo', 'audio', 'video', 'document', 'signature'];

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PHOTO = ['image/jpeg', 'image/png', 'image/heic', 'image/heif', 'image/webp'];

/** The media types each kind accepts (a scanned document may be a photo; a signature is drawn as an image). */
export const ACCEPTED_TYPES: Readonly<Record<EvidenceKind, readonly string[]>> = {
  photo: PHOTO,
  audio: ['audio/mpeg', 'audio/x-m4a', 'audio/mp4', 'audio/aac', 'audio/wav', 'audio/amr'],
  video: ['video/mp4', 'video/quicktime', 'video/webm'],
  document: ['application/pdf', DOCX, XLSX, 'text/plain', 'image/jpeg', 'image/png'],
  signature: ['image/png', 'image/jpeg', 'image/webp'],
};

/** Every type accepted for some kind. */
export const EVIDENCE_TYPES: ReadonlySet<string> = new Set(Object.values(ACCEPTED_TYPES).flat());

/** Types the browser would render or run itself: never served inline. */
export function isActiveContent(mediaType: string): boolean {
  return /^(text\/html|image\/svg\+xml|application\/(xhtml\+)?xml|text\/xml|application\/javascript|text\/javascript)$/.test(mediaType);
}

const SNIFF_BYTES = 8192;
const MARKUP = /<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|script[\s>]|iframe[\s>]|svg[\s>]|\?xml)/i;

/** The sniffed type of a file without a binary signature: text/plain, text/html, image/svg+xml or application/octet-stream. */
export function sniffText(head: Uint8Array): string {
  if (head.length === 0) return 'application/octet-stream';
  // a multi-byte character may be cut at the end of the sample
  let end = head.length;
  if (head.length === SNIFF_BYTES) while (end > head.length - 4 && end > 0 && (head[end - 1]! & 0xc0) === 0x80) end -= 1;
  if (head.length === SNIFF_BYTES && end > 0 && head[end - 1]! >= 0xc0) end -= 1;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end));
  } catch {
    return 'application/octet-stream';
  }
  // control characters other than tab, line feed, form feed and carriage return: not text
  if (/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text)) return 'application/octet-stream';
  const markup = MARKUP.exec(text);
  if (markup) return /svg/i.test(markup[1]!) ? 'image/svg+xml' : /\?xml/.test(markup[1]!) ? 'application/xml' : 'text/html';
  return 'text/plain';
}

/** The media type of the file at `filePath`, from its content. */
export async function sniffMediaType(filePath: string): Promise<string> {
  const detected = await fileTypeFromFile(filePath);
  if (detected) return detected.mime;
  const handle = await open(filePath, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return sniffText(buffer.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}
