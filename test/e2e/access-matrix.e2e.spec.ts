import { execFile } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { createProjections, EventRecorder, EventStore } from '@ocop/persistence';
import { openTestDatabase } from '../support/database';
import { TestJourney, TestStream } from '../support/event-streams';
import { aPdf } from '../support/sample-files';
import { uploadDocument } from './flows';
import { request, requestAs, tokenOf } from './http';

// Every route the API registers × every kind of caller, from one table: the allowed callers get past access control
// (a GET answers 200; a POST, PUT or PATCH with an empty body is refused by validation, 400, so nothing changes), everyone else
// gets 401 (no, expired or forged credentials) or 403. The table must name every registered route, so a new
// endpoint cannot be forgotten. Fixtures are appended as events (the read models then hold them), so the matrix
// does not wait for journeys.

type Principal =
  | 'anonymous'
  | 'expired'
  | 'forged'
  | 'admin'
  | 'tinh.laocai'
  | 'huyen.bacha'
  | 'huyen.batxat'
  | 'htx.bacha'
  | 'che.batxat'
  | 'hoidong.1'
  | 'hoidong.5'
  | 'lab.laocai'
  | 'lab-key'
  | 'lab.khac'
  | 'kiemtra.laocai'
  | 'kiemtra.khac'
  | 'tinh.sonla'
  | 'htx.mocchau'
  | 'trunguong'
  | 'xa.baonhai';

const UNAUTHENTICATED: Principal[] = ['anonymous', 'expired', 'forged'];
const USERS: Principal[] = [
  'admin',
  'tinh.laocai',
  'huyen.bacha',
  'huyen.batxat',
  'htx.bacha',
  'che.batxat',
  'hoidong.1',
  'hoidong.5',
  'lab.laocai',
  'lab-key',
  'lab.khac',
  'kiemtra.laocai',
  'kiemtra.khac',
  // The second province's coordinator and producer, and the central office.
  'tinh.sonla',
  'htx.mocchau',
  'trunguong',
  // A commune officer of the new Lào Cai (Xã Bảo Nhai): the fixtures of Lào Cai (2021 plan) are none of its.
  'xa.baonhai',
];
const EVERYONE: Principal[] = [...UNAUTHENTICATED, ...USERS];
const DEMO_LAB_API_KEY = 'ocop_00000000000a_demo-lab-key-lao-cai-2021-not-secret';
const DEV_JWT_SECRET = 'ocop-flow-dev-jwt-secret-change-me'; // libs/config: the e2e stack runs with the development default

// Fixture ids: a product of HTX Bắc Hà (bac-ha, Lào Cai) with a lab request to lab:lao-cai and a certificate whose
// inspector is inspector:lao-cai; a district session of Bắc Hà with hoidong.1–4 (not hoidong.5) it was entered in.
const YEAR = 2030;
const ORG = '2f1a4c7e-0b8d-4c36-9a51-3c1e8f0a1001';
const fixture = {
  product: randomUUID(),
  session: `matrix-${randomUUID().slice(0, 8)}`,
  labRequest: `matrix-lab-${randomUUID().slice(0, 8)}`,
  certificate: `LC-${YEAR}-${String(1000 + Math.floor(Math.random() * 8999))}`,
  notification: `matrix:${randomUUID()}`,
  organisation: ORG,
  apiKey: randomUUID(),
  /** A user whose role is bound to nothing (admin): re-binding it with an empty body is refused by validation. */
  user: '',
  /** A lab report attached to the product (uploaded by admin in beforeAll). */
  document: '',
};

// The second province's fixtures (Sơn La, GSO 14): a product of HTX Chè Mộc Châu (district 123) with a certificate,
// a province session, and the cycle — so that each province's coordinator is shown to see nothing of the other.
const SON_LA = '14';
const SON_LA_ORG = '2f1a4c7e-0b8d-4c36-9a51-3c1e8f0a1006';
const sonLa = {
  product: randomUUID(),
  session: `matrix-sl-${randomUUID().slice(0, 8)}`,
  certificate: `SL14-${YEAR}-${String(1000 + Math.floor(Math.random() * 8999))}`,
  organisation: SON_LA_ORG,
};

// The new Lào Cai's (GSO 15) fixtures: a commune cycle's product in Xã Bảo Nhai (HTX Mận Tam hoa Bảo Nhai, a demo
// organisation) and one in Xã Bắc Hà (an organisation of the fixtures), at the commune check.
const COMMUNE_YEAR = YEAR;
const communes = {
  baoNhai: { commune: '02890', product: randomUUID(), organisation: '2f1a4c7e-0b8d-4c36-9a51-3c1e8f0a1007' },
  bacHa: { commune: '02839', product: randomUUID(), organisation: randomUUID() },
};

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
interface Row {
  readonly route: `${Method} /${string}`;
  readonly allowed: readonly Principal[] | 'public';
  /** What callers outside `allowed` get once authenticated (default 403). */
  readonly denied?: 403 | 404;
  /** The status an allowed caller gets (default: 200 for GET, 400 for POST, whose empty body fails validation). */
  readonly allowedStatus?: number;
}

const PRODUCT_VIEWERS: Principal[] = [
  'admin',
  'trunguong',
  'tinh.laocai',
  'huyen.bacha',
  'htx.bacha',
  'hoidong.1',
  'lab.laocai',
  'lab-key',
  'kiemtra.laocai',
];
const COORDINATORS: Principal[] = ['admin', 'tinh.laocai', 'huyen.bacha', 'huyen.batxat'];
/** Lào Cai's coordinators and the central office (a Lào Cai cycle's progress). */
const PROGRESS_READERS: Principal[] = [...COORDINATORS, 'trunguong'];
const IN_PROVINCE: Principal[] = ['admin', 'tinh.laocai', 'huyen.bacha', 'huyen.batxat', 'htx.bacha', 'che.batxat'];
/** Lists everyone bound to a province may call (each sees its own province's rows; the central office all). */
const LISTERS: Principal[] = [...IN_PROVINCE, 'tinh.sonla', 'htx.mocchau', 'trunguong'];
/** Lists a commune officer reads too (its commune's products and organisations, its province's cycles). */
const COMMUNE_LISTERS: Principal[] = [...LISTERS, 'xa.baonhai'];
const SESSION_RUNNERS: Principal[] = ['admin', 'tinh.laocai', 'huyen.bacha', 'hoidong.1'];
const SESSION_VIEWERS: Principal[] = [...SESSION_RUNNERS, 'trunguong'];
const CERTIFICATE_VIEWERS: Principal[] = ['admin', 'tinh.laocai', 'huyen.bacha', 'htx.bacha', 'kiemtra.laocai', 'trunguong'];

/** The expected rule of every route, written from the access rules — not read from the code. */
const TABLE: readonly Row[] = [
  { route: 'POST /auth/login', allowed: 'public' },
  { route: 'GET /auth/me', allowed: USERS },
  { route: 'GET /health', allowed: 'public' },
  { route: 'GET /metrics', allowed: 'public' },
  { route: 'POST /users', allowed: ['admin'] },
  { route: 'GET /users', allowed: ['admin'] },
  { route: 'PUT /users/:id/binding', allowed: ['admin'] },
  // The fixture user is the admin itself: disabling oneself is refused by validation (400), enabling an enabled user is a no-op.
  { route: 'POST /users/:id/disable', allowed: ['admin'] },
  { route: 'POST /users/:id/enable', allowed: ['admin'], allowedStatus: 200 },
  { route: 'GET /council-members', allowed: [...COORDINATORS, 'tinh.sonla', 'trunguong'] },
  { route: 'POST /api-keys', allowed: ['admin'] },
  { route: 'GET /api-keys', allowed: ['admin'] },
  { route: 'POST /api-keys/:id/revoke', allowed: ['admin'], allowedStatus: 404 },

  { route: 'POST /organisations', allowed: [...COORDINATORS, 'tinh.sonla'] },
  { route: 'GET /organisations', allowed: COMMUNE_LISTERS },
  { route: 'GET /organisations/:id', allowed: ['admin', 'tinh.laocai', 'huyen.bacha', 'htx.bacha', 'trunguong'] },
  // Its own producer and the coordinators of its area change its contact details (an empty change: 400, nothing recorded).
  { route: 'PATCH /organisations/:id', allowed: ['admin', 'tinh.laocai', 'huyen.bacha', 'htx.bacha'] },
  { route: 'POST /organisations/:id/late-entries', allowed: ['admin', 'tinh.laocai', 'huyen.bacha'] },

  { route: 'POST /products', allowed: ['admin', 'htx.bacha', 'che.batxat', 'htx.mocchau'] },
  { route: 'GET /products', allowed: COMMUNE_LISTERS },
  { route: 'GET /products/:id', allowed: PRODUCT_VIEWERS },
  { route: 'GET /products/:id/timeline', allowed: PRODUCT_VIEWERS },
  { route: 'POST /products/:id/review', allowed: ['admin', 'tinh.laocai', 'huyen.bacha'] },
  { route: 'POST /products/:id/revision', allowed: ['admin', 'htx.bacha'] },
  { route: 'POST /products/:id/business-plan', allowed: ['admin', 'htx.bacha'] },
  { route: 'POST /products/:id/dossier', allowed: ['admin', 'htx.bacha'] },
  // The commune's officer (xa.baonhai is not the fixture's: it has no commune), the province's coordinator, the
  // district's coordinator for a product of no commune (the journey refuses it a product with one).
  { route: 'POST /products/:id/dossier-check', allowed: ['admin', 'huyen.bacha', 'tinh.laocai'] },
  { route: 'POST /products/:id/withdraw', allowed: ['admin', 'htx.bacha'] },
  // Documents: seen as the product; attached by its producer, the lab it was sent to, its certificate's inspector.
  { route: 'POST /products/:id/documents', allowed: ['admin', 'htx.bacha', 'lab.laocai', 'lab-key', 'kiemtra.laocai'] },
  { route: 'GET /products/:id/documents', allowed: PRODUCT_VIEWERS },
  { route: 'GET /products/:id/documents/:documentId/link', allowed: PRODUCT_VIEWERS },
  { route: 'GET /products/:id/documents/:documentId/content', allowed: PRODUCT_VIEWERS },
  // (a document that is not there: the allowed get past access control to a 404, nothing is removed)
  {
    route: 'DELETE /products/:id/documents/:documentId',
    allowed: ['admin', 'htx.bacha', 'lab.laocai', 'lab-key', 'kiemtra.laocai'],
    allowedStatus: 404,
  },
  { route: 'GET /document-links/:token', allowed: 'public', allowedStatus: 404 },

  { route: 'POST /cycles', allowed: ['admin', 'tinh.laocai', 'tinh.sonla'] },
  { route: 'GET /cycles', allowed: COMMUNE_LISTERS },
  { route: 'GET /cycles/:province/:year', allowed: [...IN_PROVINCE, 'trunguong'] },
  { route: 'POST /cycles/:province/:year/dates', allowed: ['admin', 'tinh.laocai'] },
  { route: 'GET /cycles/:province/:year/progress', allowed: PROGRESS_READERS },
  { route: 'GET /cycles/:province/:year/progress/xlsx', allowed: PROGRESS_READERS },
  { route: 'GET /cycles/:province/:year/progress/csv', allowed: PROGRESS_READERS },

  { route: 'POST /sessions', allowed: [...COORDINATORS, 'tinh.sonla', 'trunguong'] },
  {
    route: 'GET /sessions',
    allowed: ['admin', 'tinh.laocai', 'huyen.bacha', 'huyen.batxat', 'hoidong.1', 'hoidong.5', 'tinh.sonla', 'trunguong'],
  },
  { route: 'GET /sessions/:id', allowed: SESSION_VIEWERS },
  { route: 'GET /sessions/:id/products', allowed: SESSION_VIEWERS },
  { route: 'POST /sessions/:id/products', allowed: ['admin', 'tinh.laocai', 'huyen.bacha'] },
  { route: 'POST /sessions/:id/scorecards', allowed: ['admin', 'hoidong.1'] },
  // The fixture is a district session: the central office reads it but runs central sessions only.
  { route: 'POST /sessions/:id/close', allowed: SESSION_RUNNERS },
  { route: 'GET /sessions/:id/minutes', allowed: SESSION_VIEWERS },
  { route: 'GET /sessions/:id/minutes/pdf', allowed: SESSION_VIEWERS },
  { route: 'GET /sessions/:id/recognition-list', allowed: SESSION_VIEWERS },
  { route: 'GET /sessions/:id/recognition-list/xlsx', allowed: SESSION_VIEWERS },

  { route: 'GET /lab-requests', allowed: ['admin', 'lab.laocai', 'lab-key', 'lab.khac'] },
  { route: 'GET /lab-requests/:id', allowed: ['admin', 'lab.laocai', 'lab-key'] },
  { route: 'POST /lab-requests/:id/results', allowed: ['admin', 'lab.laocai', 'lab-key'] },

  { route: 'GET /inspections', allowed: ['admin', 'kiemtra.laocai', 'kiemtra.khac'] },
  { route: 'POST /inspections/:certificateNo/report', allowed: ['admin', 'kiemtra.laocai'] },

  {
    route: 'GET /certificates',
    allowed: [...LISTERS, 'kiemtra.laocai', 'kiemtra.khac'],
  },
  { route: 'GET /certificates/:no', allowed: CERTIFICATE_VIEWERS },
  { route: 'GET /certificates/:no/document', allowed: CERTIFICATE_VIEWERS },
  { route: 'POST /certificates/:no/decision', allowed: ['admin', 'tinh.laocai'] },
  { route: 'GET /public/certificates/:no', allowed: 'public' },
  { route: 'GET /verify/:no', allowed: 'public' },
  { route: 'GET /reference-data', allowed: 'public' },
  { route: 'GET /reference-data/provinces/:province/communes', allowed: 'public' },
  { route: 'GET /calendars/holidays/:year', allowed: USERS },
  // The national schedule is the central office's; a province adds its own days (here Lào Cai's: not Sơn La's coordinator).
  { route: 'PUT /calendars/holidays/:year', allowed: ['admin', 'trunguong'] },
  { route: 'PUT /calendars/holidays/:year/provinces/:province', allowed: ['admin', 'tinh.laocai'] },
  { route: 'GET /national', allowed: ['admin', 'trunguong'] },

  { route: 'GET /notifications', allowed: USERS },
  // Someone else's notification does not exist for the caller.
  { route: 'POST /notifications/:id/read', allowed: ['htx.bacha'], denied: 404, allowedStatus: 200 },
];

const PARAMS: Record<string, string> = {
  ':id': '',
  ':province': 'lao-cai',
  ':year': String(YEAR),
  ':certificateNo': fixture.certificate,
  ':no': fixture.certificate,
  ':token': 'not-a-signed-link',
};

/** The route's path with the fixture that each parameter names. */
function concrete(route: string): { method: Method; url: string } {
  const [method, template] = route.split(' ') as [Method, string];
  const id = template.startsWith('/products')
    ? fixture.product
    : template.startsWith('/sessions')
      ? fixture.session
      : template.startsWith('/lab-requests')
        ? fixture.labRequest
        : template.startsWith('/organisations')
          ? fixture.organisation
          : template.startsWith('/notifications')
            ? fixture.notification
            : template.startsWith('/api-keys')
              ? fixture.apiKey
              : template.startsWith('/users/')
                ? fixture.user
                : '';
  const documentId = method === 'DELETE' ? '00000000-0000-4000-8000-000000000000' : fixture.document;
  return {
    method,
    url: template.replace(/:[a-zA-Z]+/g, (param) =>
      param === ':id' ? encodeURIComponent(id) : param === ':documentId' ? documentId : PARAMS[param]!,
    ),
  };
}

function jwt(claims: Record<string, unknown>, secret: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

describe('access control: every route × every caller', () => {
  let db: DataSource;
  let routes: string[];
  const headers = new Map<Principal, Record<string, string>>();

  beforeAll(async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(__dirname, '..', 'support', 'list-routes.js')], {
      env: { ...process.env, DATABASE_URL: process.env.OCOP_E2E_DATABASE_URL },
    });
    routes = JSON.parse(stdout);
    db = await openTestDatabase(process.env.OCOP_E2E_DATABASE_URL);
    await seedFixtures(db);
    await seedSonLaFixtures(db);
    await seedCommuneFixtures(db);
    const attached = await uploadDocument('admin', fixture.product, 'lab_report', aPdf('phieu ket qua ma tran'), 'phieu-ket-qua.pdf');
    if (attached.status !== 201) throw new Error(`could not attach the fixture document: ${JSON.stringify(attached.body)}`);
    fixture.document = attached.body.id;

    // A second lab and inspection agency, to prove both directions for agencies too.
    for (const [username, role, agencyId] of [
      ['lab.khac', 'lab', 'lab:khac'],
      ['kiemtra.khac', 'inspector', 'inspector:khac'],
    ] as const) {
      const created = await requestAs('admin', 'POST', '/users', {
        body: { username, displayName: username, password: 'ocop-demo-2021', role, agencyId },
      });
      if (created.status !== 201 && created.body?.code !== 'ALREADY_EXISTS')
        throw new Error(`could not create ${username}: ${JSON.stringify(created.body)}`);
    }
    const adminId = (await requestAs('admin', 'GET', '/auth/me')).body.userId;
    fixture.user = adminId;
    const now = Math.floor(Date.now() / 1000);
    headers.set('anonymous', {});
    headers.set('expired', {
      authorization: `Bearer ${jwt({ sub: adminId, role: 'admin', iat: now - 7200, exp: now - 3600 }, DEV_JWT_SECRET)}`,
    });
    headers.set('forged', {
      authorization: `Bearer ${jwt({ sub: adminId, role: 'admin', iat: now, exp: now + 3600 }, 'not-the-server-secret')}`,
    });
    headers.set('lab-key', { 'x-api-key': DEMO_LAB_API_KEY });
    for (const user of USERS.filter((u) => u !== 'lab-key')) headers.set(user, { authorization: `Bearer ${await tokenOf(user)}` });
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it('names every route the app registers, and no route it does not', () => {
    expect(TABLE.map((row) => row.route).sort()).toEqual(routes);
  });

  it.each(TABLE.map((row) => [row.route, row] as const))('%s', async (_route, row) => {
    const { method, url } = concrete(row.route);
    const failures: string[] = [];
    for (const principal of EVERYONE) {
      const response = await request(method, url, {
        headers: headers.get(principal)!,
        ...(method === 'POST' || method === 'PUT' || method === 'PATCH' ? { body: {} } : {}),
      });
      const allowed = row.allowed === 'public' || row.allowed.includes(principal);
      const expected = allowed
        ? (row.allowedStatus ?? (method === 'GET' ? 200 : 400))
        : UNAUTHENTICATED.includes(principal)
          ? 401
          : (row.denied ?? 403);
      // A public POST with an empty body is a validation failure for everyone.
      if (response.status !== expected)
        failures.push(`${principal}: expected ${expected}, got ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`);
      if (response.status >= 500) failures.push(`${principal}: 5xx`);
      if (expected === 401 && response.body?.code !== 'UNAUTHENTICATED') failures.push(`${principal}: 401 without code UNAUTHENTICATED`);
      if (expected === 403 && response.body?.code !== 'ACCESS_DENIED' && response.body?.code !== 'WRONG_ACTOR')
        failures.push(`${principal}: 403 without an access code`);
    }
    expect(failures).toEqual([]);
  });

  it('states the role rule of every route in the OpenAPI description', async () => {
    const spec = (await request('GET', '/docs/openapi.json')).body;
    const missing: string[] = [];
    for (const row of TABLE) {
      const { method } = concrete(row.route);
      const openApiPath = row.route.split(' ')[1]!.replace(/:([a-zA-Z]+)/g, '{$1}');
      const operation = spec.paths[openApiPath]?.[method.toLowerCase()];
      if (!operation?.description?.includes('**Access:**')) missing.push(`${row.route}: no access rule`);
      if (!operation?.summary) missing.push(`${row.route}: no summary`);
      const success = Object.entries(operation?.responses ?? {}).find(([status]) => status.startsWith('2'));
      if (!success) missing.push(`${row.route}: no 2xx response`);
      else if (!(success[1] as { content?: unknown }).content && !row.route.startsWith('GET /verify'))
        missing.push(`${row.route}: 2xx without a schema`);
      const body = operation?.requestBody?.content?.['application/json']?.schema?.$ref as string | undefined;
      if (body) {
        const schema = spec.components.schemas[body.split('/').pop()!];
        const properties = Object.values(schema?.properties ?? {}) as { example?: unknown; $ref?: string; items?: unknown }[];
        if (!properties.some((property) => property.example !== undefined || property.$ref || property.items))
          missing.push(`${row.route}: request body without examples`);
      }
    }
    expect(missing).toEqual([]);
  });

  // Each province's coordinator sees nothing of the other province, both ways; the central office sees both.
  describe('provinces are separate', () => {
    const laoCai = { province: 'lao-cai', ...fixture };
    const sides = [
      ['tinh.laocai', laoCai, sonLa],
      ['tinh.sonla', sonLa, laoCai],
    ] as const;
    const idsOf = async (principal: Principal, path: string, key: string): Promise<string[]> => {
      const response = await request('GET', path, { headers: headers.get(principal)! });
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      const items = Array.isArray(response.body) ? response.body : response.body.items;
      return items.map((item: Record<string, string>) => item[key]);
    };
    const LISTS = [
      ['products', `/products?cycleYear=${YEAR}&limit=200`, 'id', 'product'],
      ['organisations', '/organisations?limit=500', 'id', 'organisation'],
      ['sessions', `/sessions?cycleYear=${YEAR}`, 'id', 'session'],
      ['certificates (the register)', `/certificates?cycleYear=${YEAR}&limit=200`, 'certificateNo', 'certificate'],
    ] as const;

    it.each(sides)('%s lists its own province and nothing of the other', async (principal, own, other) => {
      for (const [, path, key, kind] of LISTS) {
        const ids = await idsOf(principal, path, key);
        expect({ path, own: ids.includes(own[kind]) }).toEqual({ path, own: true });
        expect({ path, other: ids.includes(other[kind]) }).toEqual({ path, other: false });
        // The register's province filter does not open another province.
        const filtered = await idsOf(principal, `${path}&province=${sonLa === other ? SON_LA : 'lao-cai'}`, key);
        expect({ path, filtered }).toEqual({ path, filtered: [] });
      }
    });

    it.each(sides)('%s may not open anything of the other province (403)', async (principal, _own, other) => {
      const otherProvince = other === sonLa ? SON_LA : 'lao-cai';
      for (const path of [
        `/products/${other.product}`,
        `/products/${other.product}/timeline`,
        `/organisations/${other.organisation}`,
        `/sessions/${other.session}`,
        `/sessions/${other.session}/minutes`,
        `/certificates/${other.certificate}`,
        `/cycles/${otherProvince}/${YEAR}`,
        `/cycles/${otherProvince}/${YEAR}/progress`,
        `/cycles/${otherProvince}/${YEAR}/progress/xlsx`,
        '/national',
      ]) {
        const response = await request('GET', path, { headers: headers.get(principal)! });
        expect({ path, status: response.status, code: response.body?.code }).toEqual({ path, status: 403, code: 'ACCESS_DENIED' });
      }
      // Nor act on it.
      const review = await request('POST', `/products/${other.product}/review`, {
        headers: headers.get(principal)!,
        body: { decision: 'accept' },
      });
      expect(review.status).toBe(403);
    });

    it('the central office sees both provinces, and the register filters by province', async () => {
      for (const [, path, key, kind] of LISTS) {
        const ids = await idsOf('trunguong', path, key);
        expect({ path, both: [ids.includes(laoCai[kind]), ids.includes(sonLa[kind])] }).toEqual({ path, both: [true, true] });
        const onlySonLa = await idsOf('trunguong', `${path}&province=${SON_LA}`, key);
        expect({ path, both: [onlySonLa.includes(laoCai[kind]), onlySonLa.includes(sonLa[kind])] }).toEqual({
          path,
          both: [false, true],
        });
      }
      for (const path of [`/products/${sonLa.product}`, `/certificates/${fixture.certificate}`, `/cycles/${SON_LA}/${YEAR}/progress`]) {
        expect({ path, status: (await request('GET', path, { headers: headers.get('trunguong')! })).status }).toEqual({
          path,
          status: 200,
        });
      }
      const national = await request('GET', `/national?year=${YEAR}`, { headers: headers.get('trunguong')! });
      expect(national.status).toBe(200);
      const provinces = national.body.provinces.map((p: { provinceCode: string }) => p.provinceCode);
      expect(provinces).toEqual(expect.arrayContaining(['lao-cai', SON_LA]));
      expect(national.body.provinces.find((p: { provinceCode: string }) => p.provinceCode === SON_LA)).toMatchObject({
        name: 'Tỉnh Sơn La',
        stars: { four: expect.any(Number) },
      });
    });
  });

  // Commune officers of the new Lào Cai: each sees its own commune's products and organisations, nothing of the
  // other commune's, and may not open or check them; the province's coordinator sees both.
  describe('communes are separate', () => {
    const sides = [
      ['xa.baonhai', communes.baoNhai, communes.bacHa],
      ['xa.bacha', communes.bacHa, communes.baoNhai],
    ] as const;
    const as = async (username: string) => ({ authorization: `Bearer ${await tokenOf(username)}` });
    const idsOf = async (username: string, path: string): Promise<string[]> => {
      const response = await request('GET', path, { headers: await as(username) });
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      return response.body.items.map((item: { id: string }) => item.id);
    };

    it.each(sides)('%s lists its commune’s product and organisation, nothing of the other commune', async (officer, own, other) => {
      const products = await idsOf(officer, `/products?cycleYear=${COMMUNE_YEAR}&limit=200`);
      expect({ own: products.includes(own.product), other: products.includes(other.product) }).toEqual({ own: true, other: false });
      const byFilter = await idsOf(officer, `/products?cycleYear=${COMMUNE_YEAR}&commune=${other.commune}`);
      expect(byFilter).toEqual([]);
      const organisations = await idsOf(officer, '/organisations?limit=500');
      expect({ own: organisations.includes(own.organisation), other: organisations.includes(other.organisation) }).toEqual({
        own: true,
        other: false,
      });
      // Nothing of another province either: Lào Cai's (2021 plan) fixture product is not in its list.
      expect(products).not.toContain(fixture.product);
    });

    it.each(sides)('%s may not open or check the other commune’s product (403)', async (officer, own, other) => {
      const headers = await as(officer);
      for (const path of [`/products/${other.product}`, `/products/${other.product}/timeline`, `/organisations/${other.organisation}`]) {
        const response = await request('GET', path, { headers });
        expect({ path, status: response.status, code: response.body?.code }).toEqual({ path, status: 403, code: 'ACCESS_DENIED' });
      }
      const check = await request('POST', `/products/${other.product}/dossier-check`, { headers, body: { passed: true } });
      expect({ status: check.status, code: check.body?.code }).toEqual({ status: 403, code: 'ACCESS_DENIED' });
      // Its own commune's product it opens.
      expect((await request('GET', `/products/${own.product}`, { headers })).status).toBe(200);
      expect((await request('GET', `/products/${own.product}/timeline`, { headers })).status).toBe(200);
    });

    it('the new Lào Cai’s coordinator sees both communes’ products; Lào Cai’s (2021 plan) sees neither', async () => {
      const both = await idsOf('tinh.laocai15', `/products?cycleYear=${COMMUNE_YEAR}&limit=200`);
      expect([both.includes(communes.baoNhai.product), both.includes(communes.bacHa.product)]).toEqual([true, true]);
      const oldPlan = await idsOf('tinh.laocai', `/products?cycleYear=${COMMUNE_YEAR}&limit=200`);
      expect([oldPlan.includes(communes.baoNhai.product), oldPlan.includes(communes.bacHa.product)]).toEqual([false, false]);
    });
  });

  // Hostile or malformed input gets a 4xx, never a 5xx, from any route — as the most privileged caller, so the
  // input reaches as far into the handler as it can.
  const HOSTILE_BODIES: unknown[] = [
    null,
    [],
    'text',
    42,
    { '': 1 },
    { id: "x'; DROP TABLE events; --" },
    { productId: 'not-a-uuid', parts: { A: 'x', B: -1e308, C: null } },
    {
      memberIds: Array.from({ length: 1000 }, () => 'x'),
      indicators: [{}],
      selfAssessment: { A: 1e309 },
      evidence: [1, 2],
      decision: { $ne: 1 },
      year: 1e12,
      verdict: ['pass'],
    },
  ];
  const HOSTILE_IDS = [
    'abc',
    "1'or'1'='1",
    '%00',
    'x'.repeat(2000),
    '..%2F..%2Fetc',
    'LC-0000-0000',
    '00000000-0000-0000-0000-000000000000',
  ];

  it.each(TABLE.map((row) => [row.route, row] as const))('no 5xx for hostile input: %s', async (_route, row) => {
    const { method } = concrete(row.route);
    const template = row.route.split(' ')[1]!;
    const urls = [concrete(row.route).url, ...(template.includes(':') ? HOSTILE_IDS.map((id) => template.replace(/:[a-zA-Z]+/g, id)) : [])];
    const failures: string[] = [];
    for (const principal of ['admin', 'htx.bacha'] as const) {
      for (const url of urls) {
        const withBody = method === 'POST' || method === 'PUT' || method === 'PATCH';
        const attempts = withBody ? HOSTILE_BODIES.map((body) => ({ rawBody: JSON.stringify(body) })) : [{}];
        for (const attempt of [...attempts, ...(withBody ? [{ rawBody: '{"unterminated' }] : [])]) {
          const response = await request(method, `${url}${method === 'GET' ? '?limit=-1&cycleYear=abc&cursor=%%%&stars=9' : ''}`, {
            headers: headers.get(principal)!,
            ...attempt,
          });
          if (response.status >= 500 || response.status < 200)
            failures.push(`${principal} ${method} ${url.slice(0, 80)} ${JSON.stringify(attempt).slice(0, 80)} → ${response.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

/** The fixtures as the workflows would have recorded them (event log + read models in one transaction). */
async function seedFixtures(db: DataSource): Promise<void> {
  const recorder = new EventRecorder(db, new EventStore(), createProjections());
  const t = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
  const workflowId = `product:${fixture.product}:${YEAR}`;
  const journey = new TestJourney(recorder, workflowId);
  await journey.record(
    'IdeaSubmitted',
    {
      productId: fixture.product,
      organisationId: ORG,
      name: 'Sản phẩm ma trận quyền',
      productGroup: 'thuc-pham',
      districtCode: 'bac-ha',
      provinceCode: 'lao-cai',
      cycleYear: YEAR,
      ruleSet: 'QD1048-2019',
      workflowId,
      stage: 'awaiting_idea_review',
    },
    'producer:matrix',
    t(-60),
  );
  await journey.step(
    'LabTestRequested',
    'awaiting_lab_test',
    t(60 * 24 * 30),
    { requestId: fixture.labRequest, attempt: 1, labId: 'lab:lao-cai', productGroup: 'thuc-pham' },
    'system:lab',
    t(-50),
  );
  await journey.step(
    'CertificateIssued',
    'certified',
    undefined,
    {
      certificateNo: fixture.certificate,
      stars: 4,
      level: 'province',
      issuedAt: t(-40),
      expiresAt: t(60 * 24 * 365 * 3),
      inspectorId: 'inspector:lao-cai',
    },
    'system:certification',
    t(-40),
  );
  await new TestStream(recorder, `certificate:${fixture.certificate}`).record(
    'InspectionRequested',
    { status: 'valid', round: 1, dueAt: t(60), reportDueAt: t(60 * 24 * 30), inspectorId: 'inspector:lao-cai' },
    'system:inspections',
    t(-30),
  );
  const members = await db.query(`SELECT user_id, display_name FROM users WHERE username = ANY($1) ORDER BY username`, [
    ['hoidong.1', 'hoidong.2', 'hoidong.3', 'hoidong.4'],
  ]);
  const session = new TestStream(recorder, `session:${fixture.session}`);
  await session.record(
    'SessionOpened',
    {
      status: 'open',
      level: 'district',
      areaCode: 'bac-ha',
      provinceCode: 'lao-cai',
      cycleYear: YEAR,
      sessionDate: t(60 * 24 * 10),
      members: members.map((m: { user_id: string; display_name: string }) => ({ memberId: m.user_id, name: m.display_name })),
      chairId: members[0].user_id,
    },
    'district_coordinator:matrix',
    t(-20),
  );
  await session.record(
    'ProductEntered',
    { status: 'open', productId: fixture.product, workflowId, name: 'Sản phẩm ma trận quyền' },
    'district_coordinator:matrix',
    t(-10),
  );
  await new TestStream(recorder, `cycle:lao-cai:${YEAR}`).record(
    'CycleOpened',
    {
      provinceCode: 'lao-cai',
      year: YEAR,
      ruleSet: 'QD1048-2019',
      calendar: {},
      targets: { newCertifiedProducts: 30, organisationsConsolidated: 12, newOrganisations: 7 },
    },
    'system:cycle',
    t(-60),
  );
  await db.query(
    `INSERT INTO inbox_messages (message_id, recipient, subject_vi, subject_en, body_vi, body_en) VALUES ($1, $2, 'Thử', 'Test', 'Nội dung', 'Body')`,
    [fixture.notification, `org:${ORG}`],
  );
}

/** The second province's fixtures, recorded the same way. */
async function seedSonLaFixtures(db: DataSource): Promise<void> {
  const recorder = new EventRecorder(db, new EventStore(), createProjections());
  const t = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
  const workflowId = `product:${sonLa.product}:${YEAR}`;
  const journey = new TestJourney(recorder, workflowId);
  await journey.record(
    'IdeaSubmitted',
    {
      productId: sonLa.product,
      organisationId: SON_LA_ORG,
      name: 'Chè ma trận Mộc Châu',
      productGroup: 'do-uong',
      districtCode: '123',
      provinceCode: SON_LA,
      cycleYear: YEAR,
      ruleSet: 'QD1048-2019',
      workflowId,
      stage: 'awaiting_idea_review',
    },
    'producer:matrix',
    t(-60),
  );
  await journey.step(
    'CertificateIssued',
    'certified',
    undefined,
    { certificateNo: sonLa.certificate, stars: 4, level: 'province', issuedAt: t(-40), expiresAt: t(60 * 24 * 365 * 3) },
    'system:certification',
    t(-40),
  );
  const members = await db.query(`SELECT user_id, display_name FROM users WHERE username = ANY($1) ORDER BY username`, [
    ['hoidong.sonla.1', 'hoidong.sonla.2', 'hoidong.sonla.3'],
  ]);
  await new TestStream(recorder, `session:${sonLa.session}`).record(
    'SessionOpened',
    {
      status: 'open',
      level: 'province',
      areaCode: SON_LA,
      provinceCode: SON_LA,
      cycleYear: YEAR,
      sessionDate: t(60 * 24 * 10),
      members: members.map((m: { user_id: string; display_name: string }) => ({ memberId: m.user_id, name: m.display_name })),
      chairId: members[0].user_id,
    },
    'provincial_coordinator:matrix',
    t(-20),
  );
  await new TestStream(recorder, `cycle:${SON_LA}:${YEAR}`).record(
    'CycleOpened',
    { provinceCode: SON_LA, year: YEAR, ruleSet: 'QD1048-2019', calendar: {}, targets: { newCertifiedProducts: 10 } },
    'system:cycle',
    t(-60),
  );
}

/** The new Lào Cai's fixtures: an organisation in Xã Bắc Hà, and a product of each commune waiting for its commune's check. */
async function seedCommuneFixtures(db: DataSource): Promise<void> {
  const recorder = new EventRecorder(db, new EventStore(), createProjections());
  const t = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
  await new TestStream(recorder, `organisation:${communes.bacHa.organisation}`).record(
    'OrganisationRegistered',
    {
      organisationId: communes.bacHa.organisation,
      name: 'HTX Ma trận Bắc Hà',
      producerType: 'htx',
      provinceCode: '15',
      districtCode: '085',
      communeCode: communes.bacHa.commune,
    },
    'system:matrix',
    t(-90),
  );
  for (const side of [communes.baoNhai, communes.bacHa]) {
    const workflowId = `product:${side.product}:${COMMUNE_YEAR}`;
    const journey = new TestJourney(recorder, workflowId);
    await journey.record(
      'IdeaSubmitted',
      {
        productId: side.product,
        organisationId: side.organisation,
        name: `Mận ma trận ${side.commune}`,
        productGroup: 'thuc-pham',
        districtCode: '085',
        provinceCode: '15',
        communeCode: side.commune,
        cycleYear: COMMUNE_YEAR,
        ruleSet: 'QD1489-2025',
        workflowId,
        stage: 'awaiting_idea_review',
      },
      'producer:matrix',
      t(-60),
    );
    await journey.step('DossierSubmitted', 'awaiting_commune_check', undefined, { evidence: ['x'] }, 'producer:matrix', t(-30));
  }
}
