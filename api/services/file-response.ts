import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Response } from 'express';
import { isActiveContent } from './content-type.js';

/**
 * Content-Disposition with the name twice: an ASCII fallback in `filename` and the real name, UTF-8 and
 * percent-encoded, in `filename*` (RFC 6266 / RFC 5987), so 询问笔录.pdf arrives as 询问笔录.pdf.
 */
export function contentDisposition(fileName: string, disposition: 'inline' | 'attachment'): string {
  const name = fileName.replace(/[\r\n"\\/]/g, '_').trim() || 'file';
  const ascii = name.replace(/[^\x20-\x7e]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** `?download=1` (or true) asks for an attachment. */
export const downloadQuery = { type: 'object', properties: { download: { type: 'string', enum: ['1', '0', 'true', 'false'] } }, additionalProperties: false };
export const isDownload = (value: string | undefined): boolean => value === '1' || value === 'true';

export interface FileToSend {
  mediaType: string;
  byteSize: number;
  fileName: string;
  /** Asked for as a download (`?download=1`), or a type the browser cannot show: attachment. */
  attachment: boolean;
}

/**
 * Streams a stored file with headers a browser cannot misread: the recorded (sniffed) type, nosniff, and never
 * active content (HTML, SVG, XML) inline: such a type is sent as an octet-stream attachment.
 */
export async function sendStoredFile(res: Response, body: Readable, file: FileToSend): Promise<void> {
  const active = isActiveContent(file.mediaType);
  const type = active ? 'application/octet-stream' : file.mediaType === 'text/plain' ? 'text/plain; charset=utf-8' : file.mediaType;
  res.status(200);
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Length', String(file.byteSize));
  res.setHeader('Content-Disposition', contentDisposition(file.fileName, file.attachment || active ? 'attachment' : 'inline'));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', 'private, no-cache');
  // the console previews PDFs and photos in a frame of its own page: same origin only (the app's default is DENY)
  res.setHeader('X-Frame-Options', 'SAMEORIGIN');
  res.setHeader('Content-Security-Policy', "frame-ancestors 'self'");
  try {
    await pipeline(body, res);
  } catch (error) {
    // the client went away mid-file, or the file could not be read after the headers left: nothing more can be said
    if (!res.headersSent) throw error;
    res.destroy();
  }
}

/** SHA-256 (hex) of a stream, read to its end. */
export async function sha256Of(body: Readable): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of body) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
