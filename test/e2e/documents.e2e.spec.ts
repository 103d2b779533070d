import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createProjections, EventRecorder, EventStore } from '@ocop/persistence';
import { openTestDatabase } from '../support/database';
import { TestJourney } from '../support/event-streams';
import { aDocx, aPdf, aPng } from '../support/sample-files';
import { acceptIdea, attachRequiredDocuments, ok, submitBusinessPlan, submitIdea, uploadDocument, waitForStage, DOSSIER } from './flows';
import { apiUrl, request, requestAs, tokenOf } from './http';

// Documents over HTTP against the built API, whose store here is the run's real S3 server (SeaweedFS), with
// DOCUMENTS_MAX_FILE_MB=2 and DOCUMENTS_MAX_DOSSIER_MB=5 (test/support/e2e-stack.js). And the certificate
// decision, recorded by the province and printed on the certificate.
const MB = 1024 * 1024;
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('documents over HTTP, stored on S3', () => {
  const s3 = new S3Client({
    endpoint: process.env.OCOP_TEST_S3_ENDPOINT,
    region: process.env.OCOP_TEST_S3_REGION,
    forcePathStyle: true,
    credentials: { accessKeyId: process.env.OCOP_TEST_S3_ACCESS_KEY_ID!, secretAccessKey: process.env.OCOP_TEST_S3_SECRET_ACCESS_KEY! },
  });
  const stored = async (bytes: Buffer) => {
    const hash = sha(bytes);
    try {
      await s3.send(new HeadObjectCommand({ Bucket: process.env.OCOP_E2E_DOCUMENTS_BUCKET, Key: `sha256/${hash.slice(0, 2)}/${hash}` }));
      return true;
    } catch {
      return false;
    }
  };
  let productId: string;

  beforeAll(async () => {
    if (!process.env.OCOP_E2E_DOCUMENTS_BUCKET) throw new Error('the e2e API runs without an S3 bucket: run through `npm test`');
    const product = await submitIdea({ productGroup: 'do-uong' });
    productId = product.id;
    await acceptIdea(productId);
    await waitForStage(productId, 'business_plan_due');
  });

  it('uploads the business plan and the dossier documents, lists them with the checklist, opens them by presigned URL', async () => {
    const plan = aDocx('Phương án sản xuất kinh doanh');
    const uploaded = ok(await uploadDocument('htx.bacha', productId, 'business_plan', plan, 'Phương án SXKD.docx'), 201);
    expect(uploaded).toMatchObject({
      kind: 'business_plan',
      sha256: sha(plan),
      contentType: expect.stringContaining('wordprocessingml'),
      sizeBytes: plan.length,
      fileName: 'Phương án SXKD.docx',
    });
    expect(await stored(plan)).toBe(true);
    await submitBusinessPlan(productId);
    await waitForStage(productId, 'dossier_due');

    // The dossier step is refused while the checklist is short, and changes nothing.
    const refused = await requestAs('htx.bacha', 'POST', `/products/${productId}/dossier`, { body: DOSSIER });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('DOSSIER_INCOMPLETE');
    expect(refused.body.details.missing.map((m: { kind: string }) => m.kind)).toEqual([
      'business_registration',
      'product_standard',
      'packaging_photos',
      'food_safety_certificate',
    ]);

    const photo = aPng([10, 120, 40]);
    const photoDoc = ok(await uploadDocument('htx.bacha', productId, 'packaging_photos', photo, 'nhan-san-pham.png'), 201);
    const list = ok(await requestAs('htx.bacha', 'GET', `/products/${productId}/documents`));
    expect(list.items.map((d: { id: string }) => d.id)).toEqual([uploaded.id, photoDoc.id]);
    expect(list.checklist.filter((c: { present: boolean }) => c.present).map((c: { kind: string }) => c.kind)).toEqual([
      'packaging_photos',
    ]);
    expect(list).toMatchObject({ complete: false, maxFileBytes: 2 * MB, maxDossierBytes: 5 * MB });

    // A presigned, short-lived URL on the S3 server; and the API's own content route.
    const link = ok(await requestAs('htx.bacha', 'GET', `/products/${productId}/documents/${photoDoc.id}/link`));
    expect(link.url).toContain(process.env.OCOP_TEST_S3_ENDPOINT);
    expect(link.url).toContain('X-Amz-Expires=');
    const viaS3 = await fetch(link.url);
    expect(viaS3.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await viaS3.arrayBuffer()).equals(photo)).toBe(true);
    const viaApi = await fetch(`${apiUrl()}/products/${productId}/documents/${photoDoc.id}/content`, {
      headers: { authorization: `Bearer ${await tokenOf('tinh.laocai')}` },
    });
    expect(viaApi.status).toBe(200);
    expect(Buffer.from(await viaApi.arrayBuffer()).equals(photo)).toBe(true);
  });

  it('sniffs the type from the bytes and enforces the limits: a refused file leaves no object and no document', async () => {
    const before = ok(await requestAs('htx.bacha', 'GET', `/products/${productId}/documents`)).items.length;
    const script = Buffer.from(`<svg onload="alert(1)">${randomUUID()}</svg>`);
    const notAPdf = await uploadDocument('htx.bacha', productId, 'trademark', script, 'nhan-hieu.pdf');
    expect(notAPdf.status).toBe(415);
    expect(notAPdf.body).toMatchObject({ code: 'UNSUPPORTED_FILE_TYPE', details: { field: 'file' } });
    expect(await stored(script)).toBe(false);

    const tooBig = Buffer.concat([aPdf(randomUUID()), Buffer.alloc(2 * MB, 0x20)]);
    const big = await uploadDocument('htx.bacha', productId, 'trademark', tooBig, 'lon.pdf');
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ code: 'FILE_TOO_LARGE', details: { field: 'file' } });
    expect(await stored(tooBig)).toBe(false);

    const noFile = await fetch(`${apiUrl()}/products/${productId}/documents?kind=trademark`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await tokenOf('htx.bacha')}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(noFile.status).toBe(400);
    const badKind = await uploadDocument('htx.bacha', productId, 'passport', aPdf(), 'a.pdf');
    expect(badKind.status).toBe(400);
    expect(JSON.stringify(badKind.body)).toContain('kind');
    expect(ok(await requestAs('htx.bacha', 'GET', `/products/${productId}/documents`)).items.length).toBe(before);

    // 5 MB a product: 1.8 MB files fill it; the one that would pass the limit is refused, stored nowhere.
    const filler = (n: number) => Buffer.concat([aPdf(`phu luc ${n} ${productId}`), Buffer.alloc(1.8 * MB, 0x30 + n)]);
    const kept = [
      ok(await uploadDocument('htx.bacha', productId, 'other_evidence', filler(1), 'pl1.pdf'), 201),
      ok(await uploadDocument('htx.bacha', productId, 'workshop_photos', filler(2), 'pl2.pdf'), 201),
    ];
    const over = await uploadDocument('htx.bacha', productId, 'trademark', filler(3), 'pl3.pdf');
    expect(over.status).toBe(413);
    expect(over.body.code).toBe('DOSSIER_TOO_LARGE');
    expect(await stored(filler(3))).toBe(false);
    // Removing one makes room again; its object goes with it.
    for (const doc of kept) ok(await requestAs('htx.bacha', 'DELETE', `/products/${productId}/documents/${doc.id}`));
    expect(await stored(filler(1))).toBe(false);
  });

  it('the same file sent again is stored once; replace swaps a document; access is the product’s', async () => {
    const registration = aPdf(`Giấy ĐKKD ${productId}`);
    const first = ok(await uploadDocument('htx.bacha', productId, 'business_registration', registration, 'dkkd.pdf'), 201);
    const again = ok(await uploadDocument('htx.bacha', productId, 'business_registration', registration, 'dkkd.pdf'), 201);
    expect(again.id).toBe(first.id);
    const corrected = aPdf(`Giấy ĐKKD bản sửa ${productId}`);
    const replacement = ok(
      await uploadDocument('htx.bacha', productId, 'business_registration', corrected, 'dkkd-2.pdf', `&replaces=${first.id}`),
      201,
    );
    const items = ok(await requestAs('htx.bacha', 'GET', `/products/${productId}/documents`)).items;
    expect(items.map((d: { id: string }) => d.id)).toContain(replacement.id);
    expect(items.map((d: { id: string }) => d.id)).not.toContain(first.id);
    expect(await stored(registration)).toBe(false);
    expect(await stored(corrected)).toBe(true);

    // Another producer and another district's coordinator see nothing and attach nothing; the lab may not attach a producer's kind.
    expect((await requestAs('che.batxat', 'GET', `/products/${productId}/documents`)).status).toBe(403);
    expect((await requestAs('huyen.batxat', 'GET', `/products/${productId}/documents/${replacement.id}/link`)).status).toBe(403);
    expect((await uploadDocument('che.batxat', productId, 'trademark', aPdf(), 'x.pdf')).status).toBe(403);
    expect((await request('GET', `/products/${productId}/documents`)).status).toBe(401);

    // The timeline of documents is in the event log: hash, name, type, size and uploader, never the bytes.
    const db: DataSource = await openTestDatabase(process.env.OCOP_E2E_DATABASE_URL);
    try {
      const events = await db.query(`SELECT type, payload, actor FROM events WHERE stream_id = $1 ORDER BY stream_seq`, [
        `documents:${productId}`,
      ]);
      const uploadedEvent = events.find(
        (e: { type: string; payload: { documentId: string } }) => e.type === 'DocumentUploaded' && e.payload.documentId === replacement.id,
      );
      expect(uploadedEvent.payload).toMatchObject({
        sha256: sha(corrected),
        fileName: 'dkkd-2.pdf',
        contentType: 'application/pdf',
        sizeBytes: corrected.length,
        replaces: first.id,
      });
      expect(uploadedEvent.actor).toMatch(/^producer:/);
      expect(
        events.filter(
          (e: { type: string; payload: { documentId: string } }) => e.type === 'DocumentUploaded' && e.payload.documentId === first.id,
        ),
      ).toHaveLength(1);
    } finally {
      await db.destroy();
    }

    // Complete: the dossier goes in; after that the producer's documents are fixed.
    await attachRequiredDocuments(productId);
    ok(await requestAs('htx.bacha', 'POST', `/products/${productId}/dossier`, { body: DOSSIER }));
    const late = await uploadDocument('htx.bacha', productId, 'trademark', aPdf(`muon ${productId}`), 'muon.pdf');
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('WRONG_STAGE');
    expect((await requestAs('htx.bacha', 'DELETE', `/products/${productId}/documents/${replacement.id}`)).status).toBe(409);
  });
});

describe('the recognition decision on the certificate', () => {
  it('the provincial coordinator records the decision number and date; the printed certificate carries them', async () => {
    const db = await openTestDatabase(process.env.OCOP_E2E_DATABASE_URL);
    const certificateNo = `LC-2029-${String(1000 + Math.floor(Math.random() * 8999))}`;
    try {
      const recorder = new EventRecorder(db, new EventStore(), createProjections());
      const product = randomUUID();
      const journey = new TestJourney(recorder, `product:${product}:2029`);
      const at = new Date().toISOString();
      await journey.record(
        'IdeaSubmitted',
        {
          productId: product,
          organisationId: '2f1a4c7e-0b8d-4c36-9a51-3c1e8f0a1001',
          name: 'Mật ong bạc hà',
          productGroup: 'thuc-pham',
          districtCode: 'bac-ha',
          provinceCode: 'lao-cai',
          cycleYear: 2029,
          ruleSet: 'QD1048-2019',
          workflowId: journey.streamId,
          stage: 'awaiting_idea_review',
        },
        'producer:decision',
        at,
      );
      await journey.step(
        'CertificateIssued',
        'certified',
        undefined,
        { certificateNo, stars: 4, level: 'province', issuedAt: at, expiresAt: new Date(Date.now() + 3 * 365 * 86_400_000).toISOString() },
        'system:certification',
        at,
      );
    } finally {
      await db.destroy();
    }
    const before = await requestAs('htx.bacha', 'GET', `/certificates/${certificateNo}/document`);
    expect(before.body).not.toContain('decision-no');
    expect(
      (
        await requestAs('huyen.bacha', 'POST', `/certificates/${certificateNo}/decision`, {
          body: { decisionNo: '2345/QĐ-UBND', decisionDate: '2029-12-09' },
        })
      ).status,
    ).toBe(403);
    const invalid = await requestAs('tinh.laocai', 'POST', `/certificates/${certificateNo}/decision`, {
      body: { decisionNo: '2345/QĐ-UBND', decisionDate: '2029-02-30' },
    });
    expect(invalid.status).toBe(400);
    expect(JSON.stringify(invalid.body)).toContain('decisionDate');
    const recorded = ok(
      await requestAs('tinh.laocai', 'POST', `/certificates/${certificateNo}/decision`, {
        body: { decisionNo: '2345/QĐ-UBND', decisionDate: '2029-12-09' },
      }),
    );
    expect(recorded).toMatchObject({
      certificateNo,
      decisionNo: '2345/QĐ-UBND',
      decisionDate: '2029-12-09',
      recordedBy: expect.stringMatching(/^provincial_coordinator:/),
    });
    const printed = (await requestAs('htx.bacha', 'GET', `/certificates/${certificateNo}/document`)).body as string;
    expect(printed).toContain('<span class="decision-no">2345/QĐ-UBND</span>');
    expect(printed).toContain('09/12/2029');
  });
});
