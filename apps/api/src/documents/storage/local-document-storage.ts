import { createReadStream } from 'node:fs';
import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { DocumentStorage, objectKey } from './document-storage';

/** The embedded store: files on the server's disk under DOCUMENTS_DIR (default `.data/documents`). */
export class LocalDocumentStorage implements DocumentStorage {
  readonly driver = 'local' as const;

  constructor(readonly root: string) {}

  private pathOf(sha256: string): string {
    return path.join(this.root, objectKey(sha256));
  }

  async has(sha256: string): Promise<boolean> {
    return stat(this.pathOf(sha256)).then(
      () => true,
      () => false,
    );
  }

  async put(sha256: string, sourcePath: string): Promise<void> {
    const target = this.pathOf(sha256);
    if (await this.has(sha256)) return;
    await mkdir(path.dirname(target), { recursive: true });
    // Copy beside the target, then rename: a reader never sees a half-written file under the hash.
    const partial = `${target}.${process.pid}.${Date.now()}.partial`;
    try {
      await copyFile(sourcePath, partial);
      await rename(partial, target);
    } finally {
      await rm(partial, { force: true });
    }
  }

  async read(sha256: string): Promise<Readable> {
    const file = this.pathOf(sha256);
    await stat(file);
    return createReadStream(file);
  }

  async remove(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true });
  }

  async presign(): Promise<undefined> {
    return undefined;
  }
}
