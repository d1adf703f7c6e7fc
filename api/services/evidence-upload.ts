import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request } from 'express';
import busboy from 'busboy';
import { HttpProblem, ValidationError } from '../errors.js';

/** A multipart upload received to a staging file: the file was hashed and counted while it streamed, never held in memory. */
export interface StagedUpload {
  fields: Record<string, string>;
  file: StagedFile | null;
}

export interface StagedFile {
  path: string;
  originalName: string;
  /** What the client claimed: recorded in logs at most, never trusted. */
  claimedType: string;
  byteSize: number;
  sha256: string;
  /** The file went past the limit: the rest was read and dropped, and the staged file is incomplete. */
  tooLarge: boolean;
  limit: number;
}

export interface ReceiveOptions {
  stagingDir: string;
  /** The largest file accepted, given the fields that arrived before the file (the kind, when sent first). */
  limitFor(fields: Readonly<Record<string, string>>): number;
  fileField?: string;
}

/**
 * Reads a multipart/form-data request: text fields and one file, which is streamed into `stagingDir` while its SHA-256
 * and size are computed. Answers only when the whole request has been read, so the client always gets the response.
 * On any failure the staged file is removed.
 */
export async function receiveUpload(req: Request, options: ReceiveOptions): Promise<StagedUpload> {
  const contentType = req.headers['content-type'] ?? '';
  if (!/^multipart\/form-data\s*;/i.test(contentType)) {
    throw new HttpProblem(415, 'Unsupported media type', `Expected a multipart/form-data request, but it is '${contentType || 'without a content type'}'`);
  }
  const fileField = options.fileField ?? 'file';
  const fields: Record<string, string> = {};
  let staged: StagedFile | null = null;
  let writing: Promise<void> | null = null;
  const problems: Array<{ path: string; message: string; keyword: string }> = [];

  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: req.headers, defParamCharset: 'utf8', limits: { files: 1, fields: 20, parts: 22, fieldSize: 64 * 1024, fieldNameSize: 100 } });
  } catch (error) {
    throw new ValidationError(`Expected a well-formed multipart request, but ${(error as Error).message}`, [{ path: '/body', message: 'is not valid multipart/form-data', keyword: 'multipart' }]);
  }

  parser.on('field', (name, value, info) => {
    if (info.valueTruncated) problems.push({ path: `/body/${name}`, message: 'is too long', keyword: 'maxLength' });
    else fields[name] = value;
  });
  parser.on('file', (name, stream, info) => {
    if (name !== fileField || staged) {
      problems.push({ path: `/body/${name}`, message: `is not expected: send one file as '${fileField}'`, keyword: 'additionalProperties' });
      stream.resume();
      return;
    }
    const file: StagedFile = {
      path: path.join(options.stagingDir, `${randomUUID()}.part`),
      originalName: info.filename ?? '',
      claimedType: info.mimeType,
      byteSize: 0,
      sha256: '',
      tooLarge: false,
      limit: options.limitFor(fields),
    };
    staged = file;
    const hash = createHash('sha256');
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        file.byteSize += chunk.length;
        if (file.byteSize > file.limit) {
          // drop the rest: the request is read to its end, nothing more is written
          file.tooLarge = true;
          callback();
          return;
        }
        hash.update(chunk);
        callback(null, chunk);
      },
      flush(callback) {
        file.sha256 = hash.digest('hex');
        callback();
      },
    });
    writing = pipeline(stream, counter, createWriteStream(file.path, { flags: 'wx', mode: 0o600 }));
  });

  try {
    await new Promise<void>((resolve, reject) => {
      parser.on('close', resolve);
      parser.on('error', (error: Error) => reject(new ValidationError(`Expected a well-formed multipart request, but ${error.message}`, [{ path: '/body', message: 'is not valid multipart/form-data', keyword: 'multipart' }])));
      parser.on('partsLimit', () => problems.push({ path: '/body', message: 'has too many parts', keyword: 'maxProperties' }));
      parser.on('fieldsLimit', () => problems.push({ path: '/body', message: 'has too many fields', keyword: 'maxProperties' }));
      req.on('aborted', () => reject(new ValidationError('Expected the whole request, but the client aborted it', [{ path: '/body', message: 'was cut off', keyword: 'multipart' }])));
      req.pipe(parser);
    });
    if (writing) await writing;
  } catch (error) {
    if (writing) await (writing as Promise<void>).catch(() => undefined);
    await discard(staged);
    throw error;
  }
  if (problems.length > 0) {
    await discard(staged);
    throw new ValidationError('The multipart request has unexpected or oversized parts', problems);
  }
  return { fields, file: staged };
}

/** Removes a staged file (after a refusal, or once the store has it). */
export async function discard(file: StagedFile | null): Promise<void> {
  if (file) await rm(file.path, { force: true });
}
