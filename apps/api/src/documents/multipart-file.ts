import busboy from 'busboy';
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type { Request } from 'express';
import { OcopError } from '@ocop/domain';
import { fieldRuleViolation } from '../common/validation.pipe';
import { ACCEPTED_TYPES, AcceptedType, FileTypeSniffer } from './file-type';

/** A file received from a multipart request, spooled to a temporary file while it streamed in. */
export interface SpooledFile {
  readonly path: string;
  readonly fileName: string;
  readonly sha256: string;
  readonly sizeBytes: number;
  readonly type: AcceptedType;
  readonly contentType: string;
  /** Removes the temporary file (always call it). */
  discard(): Promise<void>;
}

export const FILE_FIELD = 'file';

/**
 * Reads the `file` field of a multipart/form-data request as it streams: hashes it, sniffs its type and counts its
 * bytes on the way to a temporary file, so memory holds one chunk at a time whatever the size. Refuses (and leaves
 * no temporary file) a request without exactly one file, a file over `maxBytes`, or one of a type not accepted.
 */
export async function receiveFile(request: Request, maxBytes: number): Promise<SpooledFile> {
  if (!/^multipart\/form-data/i.test(request.headers['content-type'] ?? '')) {
    throw fieldRuleViolation(FILE_FIELD, 'isMultipart', 'send the document as multipart/form-data with one field named "file"');
  }
  const spoolDir = path.join(os.tmpdir(), 'ocop-documents');
  await mkdir(spoolDir, { recursive: true });
  const spoolPath = path.join(spoolDir, `${randomUUID()}.part`);
  const discard = () => rm(spoolPath, { force: true });
  try {
    const received = await new Promise<{
      fileName: string;
      sha256: string;
      sizeBytes: number;
      type: AcceptedType | undefined;
      truncated: boolean;
    }>((resolve, reject) => {
      let parser: busboy.Busboy;
      try {
        parser = busboy({
          headers: request.headers,
          limits: { files: 1, fileSize: maxBytes, fields: 10, fieldSize: 1024, parts: 12 },
          defParamCharset: 'utf8',
        });
      } catch {
        return reject(fieldRuleViolation(FILE_FIELD, 'isMultipart', 'the multipart request has no valid boundary'));
      }
      let writing:
        Promise<{ fileName: string; sha256: string; sizeBytes: number; type: AcceptedType | undefined; truncated: boolean }> | undefined;
      parser.on('file', (field, stream, info) => {
        if (field !== FILE_FIELD || writing) {
          stream.resume();
          return;
        }
        const hash = createHash('sha256');
        const sniffer = new FileTypeSniffer();
        let sizeBytes = 0;
        let truncated = false;
        stream.on('limit', () => {
          truncated = true;
        });
        const observe = new Transform({
          transform(chunk: Buffer, _encoding, done) {
            hash.update(chunk);
            sniffer.push(chunk);
            sizeBytes += chunk.length;
            done(null, chunk);
          },
        });
        writing = pipeline(stream, observe, createWriteStream(spoolPath)).then(() => ({
          fileName: cleanFileName(info.filename),
          sha256: hash.digest('hex'),
          sizeBytes,
          type: sniffer.result(),
          truncated,
        }));
      });
      parser.on('error', () => reject(fieldRuleViolation(FILE_FIELD, 'isMultipart', 'the multipart request is malformed')));
      parser.on('close', () => {
        if (!writing) return reject(fieldRuleViolation(FILE_FIELD, 'isNotEmpty', 'send one file in a field named "file"'));
        writing.then(resolve, reject);
      });
      request.on('aborted', () => reject(fieldRuleViolation(FILE_FIELD, 'isComplete', 'the upload was interrupted')));
      request.pipe(parser);
    });
    if (received.truncated)
      throw new OcopError('FILE_TOO_LARGE', { field: FILE_FIELD, rule: `at most ${Math.floor(maxBytes / 1048576)} MB per file`, maxBytes });
    if (received.sizeBytes === 0) throw fieldRuleViolation(FILE_FIELD, 'isNotEmpty', 'the file is empty');
    if (!received.type)
      throw new OcopError('UNSUPPORTED_FILE_TYPE', {
        field: FILE_FIELD,
        fileName: received.fileName,
        rule: 'PDF, JPEG, PNG, WebP, DOCX or XLSX, judged from the content',
      });
    return { ...received, type: received.type, path: spoolPath, contentType: ACCEPTED_TYPES[received.type].mime, discard };
  } catch (error) {
    await discard();
    throw error;
  }
}

/** A file name as shown back: the last path segment, no control characters, at most 200 characters. */
function cleanFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const clean = base
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .normalize('NFC')
    .slice(0, 200);
  return clean || 'tai-lieu';
}
