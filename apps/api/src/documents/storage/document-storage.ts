import type { Readable } from 'node:stream';

/** The document store: bytes by SHA-256, written once, never altered. Two drivers: local disk and S3. */
export interface DocumentStorage {
  readonly driver: 'local' | 's3';
  /** Whether bytes with this hash are stored. */
  has(sha256: string): Promise<boolean>;
  /** Stores the spooled file under its hash (a no-op when already stored). */
  put(sha256: string, sourcePath: string, sizeBytes: number, contentType: string): Promise<void>;
  /** The stored bytes. */
  read(sha256: string): Promise<Readable>;
  /** Removes the bytes (nothing when absent). */
  remove(sha256: string): Promise<void>;
  /** A short-lived URL the store serves itself (S3 presigned), or undefined when the API must serve the bytes. */
  presign(sha256: string, options: { fileName: string; contentType: string; expiresInSeconds: number }): Promise<string | undefined>;
}

export const DOCUMENT_STORAGE = Symbol('DocumentStorage');

const SHA256 = /^[0-9a-f]{64}$/;

/** `sha256/ab/abcdef…`: a fan-out directory per first byte keeps a local directory small. */
export function objectKey(sha256: string): string {
  if (!SHA256.test(sha256)) throw new Error(`not a SHA-256 hex digest: ${sha256}`);
  return `sha256/${sha256.slice(0, 2)}/${sha256}`;
}

/** RFC 6266 Content-Disposition for a Vietnamese file name (ASCII fallback + UTF-8 form). */
export function contentDisposition(fileName: string, disposition: 'inline' | 'attachment' = 'inline'): string {
  const ascii = fileName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
