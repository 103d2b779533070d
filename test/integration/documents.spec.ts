import { ConfigService } from '@nestjs/config';
import type { Request } from 'express';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@ocop/identity';
import { EventRecorder } from '@ocop/persistence';
import { DocumentsRepository } from '../../apps/api/src/documents/documents.repository';
import { DocumentsService } from '../../apps/api/src/documents/documents.service';
import { documentStorageFrom } from '../../apps/api/src/documents/documents.module';
import { DocumentStorage } from '../../apps/api/src/documents/storage/document-storage';
import { projectionsOn } from '../support/activities';
import { openTestDatabase } from '../support/database';
import { createOwnDatabase } from '../support/own-database';
import { TestJourney } from '../support/event-streams';
import { aDocx, aPdf, aPng } from '../support/sample-files';

/**
 * The document service over both stores — the local disk and a real S3 server (SeaweedFS, started by the test
 * set-up) — against the real PostgreSQL: upload, download, delete, de-duplication, type sniffing, limits, and that a
 * refused or failed upload leaves no object and no row.
 */
const MB = 1024 * 1024;
const drivers: [string, () => { storage: DocumentStorage; cleanup: () => void }][] = [
  [
    'local disk',
    () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'ocop-docs-'));
      return {
        storage: documentStorageFrom({ DOCUMENTS_DIR: dir, DOCUMENTS_S3_REGION: 'us-east-1' }),
        cleanup: () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  ],
  [
    'S3 (SeaweedFS)',
    () => {
      if (!process.env.OCOP_TEST_S3_ENDPOINT)
        throw new Error('OCOP_TEST_S3_ENDPOINT is not set: run through `npm test` (global set-up starts SeaweedFS)');
      return {
        storage: documentStorageFrom({
          DOCUMENTS_DIR: 'unused',
          DOCUMENTS_S3_BUCKET: `ocop-int-${randomUUID().slice(0, 8)}`,
          DOCUMENTS_S3_ENDPOINT: process.env.OCOP_TEST_S3_ENDPOINT,
          DOCUMENTS_S3_REGION: process.env.OCOP_TEST_S3_REGION!,
          DOCUMENTS_S3_ACCESS_KEY_ID: process.env.OCOP_TEST_S3_ACCESS_KEY_ID!,
          DOCUMENTS_S3_SECRET_ACCESS_KEY: process.env.OCOP_TEST_S3_SECRET_ACCESS_KEY!,
        }),
        cleanup: () => undefined,
      };
    },
  ],
];

/** A multipart request as a browser sends it, streamed (the service reads it as it arrives). */
async function multipart(bytes: Buffer, fileName: string, field = 'file'): Promise<Request> {
  const form = new FormData();
  form.append(field, new Blob([bytes]), fileName);
  const web = new globalThis.Request('http://localhost/upload', { method: 'POST', body: form });
  const stream = Readable.fromWeb(web.body as never) as Readable & { headers: Record<string, string> };
  stream.headers = { 'content-type': web.headers.get('content-type')! };
  return stream as unknown as Request;
}

const spoolFiles = () => {
  try {
    return readdirSync(path.join(os.tmpdir(), 'ocop-documents')).length;
  } catch {
    return 0;
  }
};

describe.each(drivers)('documents on %s', (_name, makeStorage) => {
  // A database of its own: the products it makes stay out of the shared test database (whose planner tests count rows).
  let own: Awaited<ReturnType<typeof createOwnDatabase>>;
  let db: DataSource;
  let recorder: EventRecorder;
  let storage: DocumentStorage;
  let cleanup: () => void;
  let service: DocumentsService;
  const producer: AuthUser = { userId: 'producer-user', username: 'p', role: 'producer', organisationId: randomUUID() } as AuthUser;
  const lab: AuthUser = { userId: 'lab-user', username: 'l', role: 'lab', agencyId: 'lab:lao-cai' } as AuthUser;

  beforeAll(async () => {
    own = await createOwnDatabase();
    db = await openTestDatabase(own.url);
    recorder = projectionsOn(db).recorder;
    ({ storage, cleanup } = makeStorage());
    const config = new ConfigService({
      DOCUMENTS_MAX_FILE_MB: 1,
      DOCUMENTS_MAX_DOSSIER_MB: 2,
      DOCUMENTS_LINK_TTL_SECONDS: 60,
      JWT_SECRET: 'integration-test-secret',
    });
    service = new DocumentsService(storage, new DocumentsRepository(db), recorder, config as never);
  });
  afterAll(async () => {
    await db?.destroy();
    await own?.drop();
    cleanup?.();
  });

  /** A drinks product of Lào Cai at dossier_due (so its producer may still change its documents). */
  async function aProduct(stage = 'dossier_due'): Promise<string> {
    const productId = randomUUID();
    const j = new TestJourney(recorder, `product:${productId}:2031`);
    await j.step(
      'IdeaSubmitted',
      stage,
      '2031-06-01T16:59:59.999Z',
      {
        productId,
        organisationId: producer.organisationId,
        name: 'Rượu ngô',
        productGroup: 'do-uong',
        districtCode: 'bac-ha',
        provinceCode: 'lao-cai',
        cycleYear: 2031,
        ruleSet: 'QD1048-2019',
        workflowId: j.streamId,
      },
      'producer:producer-user',
      '2031-03-01T08:00:00.000Z',
    );
    return productId;
  }
  const rows = async (sha256: string) =>
    (await db.query(`SELECT count(*)::int AS n FROM documents WHERE sha256 = $1 AND removed_at IS NULL`, [sha256]))[0].n;
  const events = async (productId: string) =>
    db.query(`SELECT type, payload, actor FROM events WHERE stream_id = $1 ORDER BY stream_seq`, [`documents:${productId}`]);
  const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

  it('uploads, lists, downloads and deletes; the log records hash, name, type, size and uploader, never the bytes', async () => {
    const productId = await aProduct();
    const pdf = aPdf('Giấy đăng ký kinh doanh');
    const doc = await service.upload(productId, { kind: 'business_registration' }, await multipart(pdf, 'Giấy ĐKKD.pdf'), producer);
    expect(doc).toMatchObject({
      productId,
      kind: 'business_registration',
      sha256: sha(pdf),
      fileName: 'Giấy ĐKKD.pdf',
      contentType: 'application/pdf',
      sizeBytes: pdf.length,
      uploadedBy: 'producer:producer-user',
    });
    expect(await storage.has(sha(pdf))).toBe(true);
    const [uploaded] = await events(productId);
    expect(uploaded).toMatchObject({
      type: 'DocumentUploaded',
      actor: 'producer:producer-user',
      payload: { sha256: sha(pdf), fileName: 'Giấy ĐKKD.pdf', contentType: 'application/pdf', sizeBytes: pdf.length },
    });
    expect(JSON.stringify(uploaded.payload)).not.toContain('%PDF');

    const { body } = await service.content(productId, doc.id);
    expect((await buffer(body)).equals(pdf)).toBe(true);
    const list = await service.list(productId);
    expect(list.items.map((d) => d.id)).toEqual([doc.id]);
    expect(list.checklist.find((c) => c.kind === 'business_registration')?.present).toBe(true);
    expect(list.complete).toBe(false);

    await service.remove(productId, doc.id, producer);
    expect((await service.list(productId)).items).toEqual([]);
    expect(await storage.has(sha(pdf))).toBe(false);
    expect((await events(productId)).map((e: { type: string }) => e.type)).toEqual(['DocumentUploaded', 'DocumentRemoved']);
  });

  it('a download link: presigned by S3, or signed by the API for the local store; an altered link opens nothing', async () => {
    const productId = await aProduct();
    const png = aPng();
    const doc = await service.upload(productId, { kind: 'packaging_photos' }, await multipart(png, 'nhan.png'), producer);
    const link = await service.link(productId, doc.id);
    if (storage.driver === 's3') {
      const response = await fetch(link.url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await response.arrayBuffer()).equals(png)).toBe(true);
      const tampered = await fetch(link.url.replace(/X-Amz-Signature=[0-9a-f]/, (m) => m.slice(0, -1) + (m.endsWith('0') ? '1' : '0')));
      expect(tampered.status).toBe(403);
    } else {
      const token = link.url.replace('/document-links/', '');
      expect((await buffer((await service.contentByLink(token)).body)).equals(png)).toBe(true);
      const altered = token.replace(/\.(\d+)\./, (_m, n) => `.${Number(n) + 1}.`);
      await expect(service.contentByLink(altered)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
  });

  it('the same bytes uploaded again store one object: a retry answers with the same document; another product shares the object', async () => {
    const productId = await aProduct();
    const pdf = aPdf(`tieu chuan ${randomUUID()}`);
    const first = await service.upload(productId, { kind: 'product_standard' }, await multipart(pdf, 'tc.pdf'), producer);
    const retry = await service.upload(productId, { kind: 'product_standard' }, await multipart(pdf, 'tc.pdf'), producer);
    expect(retry.id).toBe(first.id);
    expect((await events(productId)).length).toBe(1);
    const other = await aProduct();
    const shared = await service.upload(other, { kind: 'product_standard' }, await multipart(pdf, 'tc.pdf'), producer);
    expect(shared.id).not.toBe(first.id);
    expect(await rows(sha(pdf))).toBe(2);
    // Removing one keeps the object the other still holds; removing both removes it.
    await service.remove(productId, first.id, producer);
    expect(await storage.has(sha(pdf))).toBe(true);
    await service.remove(other, shared.id, producer);
    expect(await storage.has(sha(pdf))).toBe(false);
  });

  it('judges the type from the bytes: a Word file named .pdf is a DOCX; a script named .pdf is refused and leaves nothing', async () => {
    const productId = await aProduct();
    const docx = aDocx();
    expect(
      (await service.upload(productId, { kind: 'other_evidence' }, await multipart(docx, 'thuyet-minh.pdf'), producer)).contentType,
    ).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const script = Buffer.from('<html><script>alert(1)</script></html>');
    const before = spoolFiles();
    await expect(
      service.upload(productId, { kind: 'other_evidence' }, await multipart(script, 'ho-so.pdf'), producer),
    ).rejects.toMatchObject({ code: 'UNSUPPORTED_FILE_TYPE' });
    expect(await storage.has(sha(script))).toBe(false);
    expect(await rows(sha(script))).toBe(0);
    expect(spoolFiles()).toBe(before);
  });

  it('refuses a file over the per-file limit and a dossier over the per-product limit, storing nothing', async () => {
    const productId = await aProduct();
    const big = Buffer.concat([aPdf(), Buffer.alloc(MB + 10, 0x20)]);
    await expect(service.upload(productId, { kind: 'other_evidence' }, await multipart(big, 'lon.pdf'), producer)).rejects.toMatchObject({
      code: 'FILE_TOO_LARGE',
    });
    expect(await storage.has(sha(big))).toBe(false);
    // 2 MB per product: two files of 0.9 MB pass, the third is refused.
    const part = (n: number) => Buffer.concat([aPdf(`phan ${n}`), Buffer.alloc(0.9 * MB, 0x20 + n)]);
    await service.upload(productId, { kind: 'other_evidence' }, await multipart(part(1), '1.pdf'), producer);
    await service.upload(productId, { kind: 'workshop_photos' }, await multipart(part(2), '2.pdf'), producer);
    await expect(service.upload(productId, { kind: 'trademark' }, await multipart(part(3), '3.pdf'), producer)).rejects.toMatchObject({
      code: 'DOSSIER_TOO_LARGE',
    });
    expect(await storage.has(sha(part(3)))).toBe(false);
    expect(await rows(sha(part(3)))).toBe(0);
  });

  it('a failure after the bytes were stored (the fact cannot be recorded) removes them again: no object, no row', async () => {
    const productId = await aProduct();
    const pdf = aPdf(`that bai ${randomUUID()}`);
    // The event log refuses the next write to this product's document stream (a trigger standing in for a failing database).
    const fn = `fail_${randomUUID().replace(/-/g, '')}`;
    await db.query(
      `CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.stream_id = 'documents:${productId}' THEN RAISE EXCEPTION 'disk full'; END IF; RETURN NEW; END $$`,
    );
    await db.query(`CREATE TRIGGER ${fn} BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION ${fn}()`);
    try {
      await expect(service.upload(productId, { kind: 'trademark' }, await multipart(pdf, 'nhan-hieu.pdf'), producer)).rejects.toThrow(
        /disk full/,
      );
    } finally {
      await db.query(`DROP TRIGGER ${fn} ON events`);
      await db.query(`DROP FUNCTION ${fn}()`);
    }
    expect(await storage.has(sha(pdf))).toBe(false);
    expect(await rows(sha(pdf))).toBe(0);
    expect(await events(productId)).toEqual([]);
  });

  it('who attaches what: a producer not after its dossier went in, a lab only its report; the dossier checklist says what is missing', async () => {
    const submitted = await aProduct('awaiting_district_session');
    await expect(service.upload(submitted, { kind: 'trademark' }, await multipart(aPdf(), 'x.pdf'), producer)).rejects.toMatchObject({
      code: 'WRONG_STAGE',
    });
    await expect(service.upload(submitted, { kind: 'trademark' }, await multipart(aPdf(), 'x.pdf'), lab)).rejects.toMatchObject({
      code: 'ACCESS_DENIED',
    });
    expect(
      (
        await service.upload(
          submitted,
          { kind: 'lab_report', subjectId: 'lab-1' },
          await multipart(aPdf('phieu ket qua'), 'phieu.pdf'),
          lab,
        )
      ).uploadedBy,
    ).toBe('lab:lab-user');

    const productId = await aProduct();
    await expect(service.requireCompleteDossier(productId)).rejects.toMatchObject({
      code: 'DOSSIER_INCOMPLETE',
      details: {
        missing: [
          { kind: 'business_registration' },
          { kind: 'product_standard' },
          { kind: 'packaging_photos' },
          { kind: 'food_safety_certificate' },
        ].map(expect.objectContaining),
      },
    });
    for (const kind of ['business_registration', 'product_standard', 'packaging_photos', 'food_safety_certificate']) {
      await service.upload(productId, { kind }, await multipart(aPdf(`${kind} ${productId}`), `${kind}.pdf`), producer);
    }
    await expect(service.requireCompleteDossier(productId)).resolves.toBeUndefined();
  });
});
