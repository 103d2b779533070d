import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import * as path from 'node:path';
import type { Environment } from '@ocop/config';
import { DocumentLinksController, DocumentsController } from './documents.controller';
import { DocumentsRepository } from './documents.repository';
import { DocumentsService } from './documents.service';
import { DOCUMENT_STORAGE, DocumentStorage } from './storage/document-storage';
import { LocalDocumentStorage } from './storage/local-document-storage';
import { S3DocumentStorage } from './storage/s3-document-storage';

const STORAGE_KEYS = [
  'DOCUMENTS_DIR',
  'DOCUMENTS_S3_BUCKET',
  'DOCUMENTS_S3_ENDPOINT',
  'DOCUMENTS_S3_REGION',
  'DOCUMENTS_S3_ACCESS_KEY_ID',
  'DOCUMENTS_S3_SECRET_ACCESS_KEY',
  'DOCUMENTS_S3_FORCE_PATH_STYLE',
] as const;
type StorageConfig = Pick<Environment, (typeof STORAGE_KEYS)[number]>;

/** The store the environment names: an S3 bucket when DOCUMENTS_S3_BUCKET is set, else files under DOCUMENTS_DIR. */
export function documentStorageFrom(config: StorageConfig): DocumentStorage {
  if (config.DOCUMENTS_S3_BUCKET) {
    return new S3DocumentStorage({
      bucket: config.DOCUMENTS_S3_BUCKET,
      region: config.DOCUMENTS_S3_REGION,
      ...(config.DOCUMENTS_S3_ENDPOINT ? { endpoint: config.DOCUMENTS_S3_ENDPOINT } : {}),
      ...(config.DOCUMENTS_S3_ACCESS_KEY_ID ? { accessKeyId: config.DOCUMENTS_S3_ACCESS_KEY_ID } : {}),
      ...(config.DOCUMENTS_S3_SECRET_ACCESS_KEY ? { secretAccessKey: config.DOCUMENTS_S3_SECRET_ACCESS_KEY } : {}),
      ...(config.DOCUMENTS_S3_FORCE_PATH_STYLE !== undefined ? { forcePathStyle: config.DOCUMENTS_S3_FORCE_PATH_STYLE } : {}),
    });
  }
  return new LocalDocumentStorage(path.resolve(config.DOCUMENTS_DIR));
}

/** Global: the products module refuses an incomplete dossier through DocumentsService. */
@Global()
@Module({
  controllers: [DocumentsController, DocumentLinksController],
  providers: [
    {
      provide: DOCUMENT_STORAGE,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) =>
        documentStorageFrom(STORAGE_KEYS.reduce((env, key) => ({ ...env, [key]: config.get(key, { infer: true }) }), {} as StorageConfig)),
    },
    DocumentsRepository,
    DocumentsService,
  ],
  exports: [DocumentsService, DOCUMENT_STORAGE],
})
export class DocumentsModule {}
