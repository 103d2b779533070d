import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { contentDisposition, DocumentStorage, objectKey } from './document-storage';

export interface S3DocumentStorageOptions {
  readonly bucket: string;
  readonly endpoint?: string;
  readonly region: string;
  readonly accessKeyId?: string;
  readonly secretAccessKey?: string;
  readonly forcePathStyle?: boolean;
}

/** A province's or the nation's S3-compatible store (AWS, SeaweedFS, MinIO…); downloads go by presigned URL. */
export class S3DocumentStorage implements DocumentStorage {
  readonly driver = 's3' as const;
  private readonly client: S3Client;
  private bucketReady?: Promise<void>;

  constructor(private readonly options: S3DocumentStorageOptions) {
    const config: S3ClientConfig = {
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      forcePathStyle: options.forcePathStyle ?? !!options.endpoint,
      ...(options.accessKeyId && options.secretAccessKey
        ? { credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey } }
        : {}),
    };
    this.client = new S3Client(config);
  }

  /** Creates the bucket on first use when it is missing (a fresh SeaweedFS or MinIO); an existing one is left alone. */
  private ensureBucket(): Promise<void> {
    this.bucketReady ??= (async () => {
      try {
        await this.client.send(new HeadBucketCommand({ Bucket: this.options.bucket }));
      } catch {
        await this.client.send(new CreateBucketCommand({ Bucket: this.options.bucket })).catch((error: { name?: string }) => {
          if (error.name !== 'BucketAlreadyOwnedByYou' && error.name !== 'BucketAlreadyExists') throw error;
        });
      }
    })().catch((error) => {
      this.bucketReady = undefined;
      throw error;
    });
    return this.bucketReady;
  }

  async has(sha256: string): Promise<boolean> {
    await this.ensureBucket();
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.options.bucket, Key: objectKey(sha256) }));
      return true;
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status === 404 || (error as { name?: string }).name === 'NotFound') return false;
      throw error;
    }
  }

  async put(sha256: string, sourcePath: string, sizeBytes: number, contentType: string): Promise<void> {
    if (await this.has(sha256)) return;
    // Streamed from the spooled file with its length known; the checksum lets the store verify what it received.
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.options.bucket,
        Key: objectKey(sha256),
        Body: createReadStream(sourcePath),
        ContentLength: sizeBytes,
        ContentType: contentType,
        ChecksumSHA256: Buffer.from(sha256, 'hex').toString('base64'),
      }),
    );
  }

  async read(sha256: string): Promise<Readable> {
    await this.ensureBucket();
    const answer = await this.client.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: objectKey(sha256) }));
    return answer.Body as Readable;
  }

  async remove(sha256: string): Promise<void> {
    await this.ensureBucket();
    await this.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: objectKey(sha256) }));
  }

  async presign(sha256: string, options: { fileName: string; contentType: string; expiresInSeconds: number }): Promise<string> {
    await this.ensureBucket();
    const command = new GetObjectCommand({
      Bucket: this.options.bucket,
      Key: objectKey(sha256),
      ResponseContentType: options.contentType,
      ResponseContentDisposition: contentDisposition(options.fileName),
    });
    return getSignedUrl(this.client, command, { expiresIn: options.expiresInSeconds });
  }
}
