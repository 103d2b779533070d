import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Request } from 'express';
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Environment } from '@ocop/config';
import { dossierChecklist, findDocumentKind, isRuleSetCode, missingDossierDocuments, OcopError, type DocumentKindInfo } from '@ocop/domain';
import { actorLabelOf, type AuthUser } from '@ocop/identity';
import { EventRecorder } from '@ocop/persistence';
import { DocumentLinkResponse, DocumentListResponse, DocumentResponse, UploadDocumentQuery } from './dto/document.dto';
import { DocumentProductRow, DocumentRow, DocumentsRepository } from './documents.repository';
import { receiveFile } from './multipart-file';
import { DOCUMENT_STORAGE, type DocumentStorage } from './storage/document-storage';

const MB = 1024 * 1024;
/** Stages at which the producer may still add, replace or remove its documents: until the dossier is submitted. */
const PRODUCER_EDITABLE_STAGES = ['idea_submitted', 'awaiting_idea_review', 'changes_requested', 'business_plan_due', 'dossier_due'];

export const documentStreamId = (productId: string) => `documents:${productId}`;

/**
 * Documents attached to products. The bytes go to the document store under their SHA-256; the event log records
 * what was attached (hash, name, type, size, uploader); the `documents` read model lists them. A refused upload
 * stores nothing: checks run before the bytes are stored, and a failure after stores removes the bytes again
 * unless another document holds them.
 */
@Injectable()
export class DocumentsService {
  private readonly logger = new Logger(DocumentsService.name);

  constructor(
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
    private readonly repository: DocumentsRepository,
    private readonly recorder: EventRecorder,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  get maxFileBytes(): number {
    return this.config.get('DOCUMENTS_MAX_FILE_MB', { infer: true }) * MB;
  }

  get maxDossierBytes(): number {
    return this.config.get('DOCUMENTS_MAX_DOSSIER_MB', { infer: true }) * MB;
  }

  async upload(productId: string, query: UploadDocumentQuery, request: Request, user: AuthUser): Promise<DocumentResponse> {
    const product = await this.requireProduct(productId);
    const kind = findDocumentKind(query.kind)!;
    this.requireUploader(kind, product, user);
    const replaced = query.replaces ? await this.repository.find(productId, query.replaces) : undefined;
    if (query.replaces && !replaced) throw new OcopError('NOT_FOUND', { field: 'replaces', value: query.replaces, resource: 'document' });
    if (replaced) this.requireRemover(replaced, product, user);

    const file = await receiveFile(request, this.maxFileBytes);
    try {
      const active = await this.repository.active(productId);
      // The same bytes as the same kind again (a retried upload): the document already stored, nothing new.
      const same = active.find((d) => d.kind === kind.code && d.sha256 === file.sha256 && d.subject_id === (query.subjectId ?? null));
      if (same) return toResponse(same);
      const total = active.filter((d) => d.document_id !== replaced?.document_id).reduce((sum, d) => sum + Number(d.size_bytes), 0);
      if (total + file.sizeBytes > this.maxDossierBytes) {
        throw new OcopError('DOSSIER_TOO_LARGE', {
          field: 'file',
          rule: `at most ${this.maxDossierBytes / MB} MB of documents per product`,
          usedBytes: total,
          fileBytes: file.sizeBytes,
        });
      }
      const documentId = randomUUID();
      try {
        await this.recorder.recordFact(
          {
            eventId: randomUUID(),
            streamId: documentStreamId(productId),
            type: 'DocumentUploaded',
            payload: {
              documentId,
              productId,
              cycleYear: product.cycle_year,
              kind: kind.code,
              ...(query.subjectId ? { subjectId: query.subjectId } : {}),
              sha256: file.sha256,
              fileName: file.fileName,
              contentType: file.contentType,
              sizeBytes: file.sizeBytes,
              ...(replaced ? { replaces: replaced.document_id } : {}),
            },
            actor: actorLabelOf(user),
            occurredAt: new Date().toISOString(),
          },
          async (manager) => {
            // Stored under the hash's lock, inside the transaction that records it: a concurrent removal of the same
            // bytes waits, and sees this document once it commits.
            await this.repository.lockHash(manager, file.sha256);
            await this.storage.put(file.sha256, file.path, file.sizeBytes, file.contentType);
          },
        );
      } catch (error) {
        await this.releaseBytes(file.sha256);
        throw error;
      }
      if (replaced) await this.removeDocument(replaced, user);
      return toResponse((await this.repository.find(productId, documentId))!);
    } finally {
      await file.discard();
    }
  }

  async list(productId: string): Promise<DocumentListResponse> {
    const product = await this.requireProduct(productId);
    const items = await this.repository.active(productId);
    const checklist = isRuleSetCode(product.rule_set) ? dossierChecklist(product.rule_set, product.product_group) : [];
    const kinds = new Set(items.map((d) => d.kind));
    return {
      items: items.map(toResponse),
      checklist: checklist.map((k) => ({ kind: k.code, vi: k.vi, en: k.en, present: kinds.has(k.code) })),
      complete: checklist.every((k) => kinds.has(k.code)),
      totalBytes: items.reduce((sum, d) => sum + Number(d.size_bytes), 0),
      maxFileBytes: this.maxFileBytes,
      maxDossierBytes: this.maxDossierBytes,
    };
  }

  /** Refuses the dossier step while a document the rule set requires of the product's group is missing. */
  async requireCompleteDossier(productId: string): Promise<void> {
    const product = await this.requireProduct(productId);
    if (!isRuleSetCode(product.rule_set)) return;
    const missing = missingDossierDocuments(
      product.rule_set,
      product.product_group,
      (await this.repository.active(productId)).map((d) => d.kind),
    );
    if (missing.length > 0) {
      throw new OcopError('DOSSIER_INCOMPLETE', {
        field: 'documents',
        rule: 'every document the rule set requires of the product group',
        missing: missing.map((k) => ({ kind: k.code, vi: k.vi, en: k.en })),
      });
    }
  }

  async remove(productId: string, documentId: string, user: AuthUser): Promise<DocumentResponse> {
    const product = await this.requireProduct(productId);
    const document = await this.repository.find(productId, documentId);
    if (!document) throw new OcopError('NOT_FOUND', { field: 'documentId', value: documentId, resource: 'document' });
    this.requireRemover(document, product, user);
    await this.removeDocument(document, user);
    return toResponse(document);
  }

  /** `viaApi`: a link the API serves itself even on S3 (same origin: thumbnails under a strict Content-Security-Policy). */
  async link(productId: string, documentId: string, viaApi = false): Promise<DocumentLinkResponse> {
    const document = await this.repository.find(productId, documentId);
    if (!document) throw new OcopError('NOT_FOUND', { field: 'documentId', value: documentId, resource: 'document' });
    const ttl = this.config.get('DOCUMENTS_LINK_TTL_SECONDS', { infer: true });
    const expiresAt = new Date(Date.now() + ttl * 1000);
    const presigned = viaApi
      ? undefined
      : await this.storage.presign(document.sha256, {
          fileName: document.file_name,
          contentType: document.content_type,
          expiresInSeconds: ttl,
        });
    return { url: presigned ?? `/document-links/${this.signLink(document.document_id, expiresAt)}`, expiresAt: expiresAt.toISOString() };
  }

  /** The bytes of a document, for the API to serve itself (the local store; or a stream through from S3). */
  async content(productId: string, documentId: string): Promise<{ document: DocumentRow; body: Readable }> {
    const document = await this.repository.find(productId, documentId);
    if (!document) throw new OcopError('NOT_FOUND', { field: 'documentId', value: documentId, resource: 'document' });
    return { document, body: await this.readBytes(document) };
  }

  private async readBytes(document: DocumentRow): Promise<Readable> {
    try {
      return await this.storage.read(document.sha256);
    } catch (error) {
      this.logger.warn(`document ${document.document_id}: bytes ${document.sha256} not readable: ${(error as Error).message}`);
      throw new OcopError('NOT_FOUND', { resource: 'document content', id: document.document_id });
    }
  }

  /** The document a signed link names, while the link is valid. */
  async contentByLink(token: string): Promise<{ document: DocumentRow; body: Readable }> {
    const documentId = this.verifyLink(token);
    const document = documentId ? await this.repository.findById(documentId) : undefined;
    if (!document)
      throw new OcopError('NOT_FOUND', {
        resource: 'document link',
        rule: 'a link from GET …/documents/:documentId/link, used before it expires',
      });
    return { document, body: await this.readBytes(document) };
  }

  private signLink(documentId: string, expiresAt: Date): string {
    const claim = `${documentId}.${Math.floor(expiresAt.getTime() / 1000)}`;
    return `${claim}.${this.mac(claim)}`;
  }

  private verifyLink(token: string): string | undefined {
    const match = /^([0-9a-f-]{36})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (!match) return undefined;
    const [, documentId, expires, mac] = match;
    const expected = Buffer.from(this.mac(`${documentId}.${expires}`));
    if (!timingSafeEqual(expected, Buffer.from(mac!)) || Number(expires) * 1000 < Date.now()) return undefined;
    return documentId;
  }

  private mac(claim: string): string {
    return createHmac('sha256', this.config.get('JWT_SECRET', { infer: true }))
      .update(`document-link:${claim}`)
      .digest('base64url');
  }

  private async removeDocument(document: DocumentRow, user: AuthUser): Promise<void> {
    await this.recorder.recordFact({
      eventId: randomUUID(),
      streamId: documentStreamId(document.product_id),
      type: 'DocumentRemoved',
      payload: { documentId: document.document_id, productId: document.product_id, kind: document.kind, sha256: document.sha256 },
      actor: actorLabelOf(user),
      occurredAt: new Date().toISOString(),
    });
    await this.releaseBytes(document.sha256);
  }

  /** Removes the bytes unless a document still holds them (under the hash's lock, so an upload of them waits). */
  private async releaseBytes(sha256: string): Promise<void> {
    try {
      await this.repository.db.transaction(async (manager) => {
        await this.repository.lockHash(manager, sha256);
        if (!(await this.repository.isReferenced(manager, sha256))) await this.storage.remove(sha256);
      });
    } catch (error) {
      // The fact is recorded; bytes left behind are unreferenced and harmless, but say so.
      this.logger.warn(`could not remove unreferenced document bytes ${sha256}: ${(error as Error).message}`);
    }
  }

  private async requireProduct(productId: string): Promise<DocumentProductRow> {
    const product = await this.repository.product(productId);
    if (!product) throw new OcopError('PRODUCT_NOT_FOUND', { field: 'id', value: productId });
    return product;
  }

  /** Producers attach the plan and the dossier's documents until the dossier is submitted; labs their reports; inspectors their minutes and photos. */
  private requireUploader(kind: DocumentKindInfo, product: DocumentProductRow, user: AuthUser): void {
    if (user.role !== 'admin' && kind.uploadedBy !== user.role) {
      throw new OcopError('ACCESS_DENIED', {
        field: 'kind',
        value: kind.code,
        rule: `a ${kind.code} document is attached by the ${kind.uploadedBy}`,
        role: user.role,
      });
    }
    if (kind.uploadedBy === 'producer' && !PRODUCER_EDITABLE_STAGES.includes(product.stage)) {
      throw new OcopError('WRONG_STAGE', {
        stage: product.stage,
        rule: 'the producer’s documents change only until the dossier is submitted',
      });
    }
  }

  private requireRemover(document: DocumentRow, product: DocumentProductRow, user: AuthUser): void {
    const kind = findDocumentKind(document.kind);
    if (!kind) throw new OcopError('ACCESS_DENIED', { rule: 'unknown document kind' });
    this.requireUploader(kind, product, user);
    // Agencies remove only what they attached themselves.
    if ((user.role === 'lab' || user.role === 'inspector') && document.uploaded_by !== actorLabelOf(user)) {
      throw new OcopError('ACCESS_DENIED', { rule: 'a lab or inspector removes only the documents it attached', role: user.role });
    }
  }
}

function toResponse(d: DocumentRow): DocumentResponse {
  const kind = findDocumentKind(d.kind);
  return {
    id: d.document_id,
    productId: d.product_id,
    kind: d.kind,
    kindName: { vi: kind?.vi ?? d.kind, en: kind?.en ?? d.kind },
    ...(d.subject_id ? { subjectId: d.subject_id } : {}),
    sha256: d.sha256,
    fileName: d.file_name,
    contentType: d.content_type,
    sizeBytes: Number(d.size_bytes),
    uploadedBy: d.uploaded_by,
    uploadedAt: new Date(d.uploaded_at).toISOString(),
  };
}
