import { randomUUID } from 'node:crypto';
import { aPdf } from '../support/sample-files';
import { apiUrl, DEMO_PASSWORD, request, requestAs, tokenOf, type JsonResponse } from './http';

// Steps of the OCOP cycle over HTTP, each by the demo user whose job it is — shared by the end-to-end suites.

export const CYCLE_YEAR = new Date().getUTCFullYear(); // next year's cycle is the products slice's
export const DAY_MS = 1000;
export const COUNCIL = ['hoidong.1', 'hoidong.2', 'hoidong.3', 'hoidong.4', 'hoidong.5'];
export const DEMO_LAB_API_KEY = 'ocop_00000000000a_demo-lab-key-lao-cai-2021-not-secret';
export const ORGANISATION_OF: Record<string, string> = {
  'htx.bacha': '2f1a4c7e-0b8d-4c36-9a51-3c1e8f0a1001',
  'che.batxat': '2f1a4c7e-0b8d-4c36-9a51-3c1e8f0a1002',
};

export const ok = <T = any>(response: JsonResponse<T>, status = 200): T => {
  if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body;
};

export async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const userIds = new Map<string, string>();
export async function userIdOf(username: string): Promise<string> {
  if (!userIds.has(username)) userIds.set(username, ok(await requestAs(username, 'GET', '/auth/me')).userId);
  return userIds.get(username)!;
}

/**
 * This year's Lào Cai cycle for the end-to-end suites, opened once by whichever suite comes first: QĐ 1048, a rule
 * "day" of one second (reminders, grace, lab turnaround), and windows hours ahead, so no suite meets a closed
 * window whatever order they run in.
 */
export function ensureTestCycle(): Promise<void> {
  return ensureCompressedCycle(CYCLE_YEAR, 'QD1048-2019');
}

/**
 * A Lào Cai cycle like the test cycle (a rule "day" of one second, windows hours ahead) for another year and rule
 * set, opened once by whichever suite asks first — e.g. a QĐ 1489 cycle for the commune-level check.
 */
export function ensureCompressedCycle(year: number, ruleSet: string): Promise<void> {
  let opening = compressedCycles.get(year);
  if (!opening) {
    opening = openCompressedCycle(year, ruleSet).catch((error: unknown) => {
      compressedCycles.delete(year);
      throw error;
    });
    compressedCycles.set(year, opening);
  }
  return opening;
}
const compressedCycles = new Map<number, Promise<void>>();

/** A compressed test cycle's windows, each some hours from now. */
function windowsFromNow() {
  const at = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
  return {
    ideaWindowClosesAt: at(2),
    businessPlanDueAt: at(3),
    dossierDueAt: at(4),
    districtSessionsCloseAt: at(10),
    provincialSessionsCloseAt: at(20),
    certificationAt: at(30),
  };
}

/** The admin opens a province's cycle with a rule "day" of DAY_MS; one another suite opened already is as good. */
async function openCycle(provinceCode: string, year: number, ruleSet: string, calendar: Record<string, unknown>): Promise<void> {
  const response = await requestAs('admin', 'POST', '/cycles', { body: { provinceCode, year, ruleSet, calendar, dayLengthMs: DAY_MS } });
  if (response.status !== 201 && response.body?.code !== 'ALREADY_EXISTS')
    throw new Error(`could not open the cycle ${provinceCode}/${year}: ${JSON.stringify(response.body)}`);
}

const TEST_TURNAROUNDS = { labTurnaroundDays: 60, inspectionReportDays: 30 };

function openCompressedCycle(year: number, ruleSet: string): Promise<void> {
  return openCycle('lao-cai', year, ruleSet, { ...windowsFromNow(), ...TEST_TURNAROUNDS });
}

/** Sơn La's cycle of the test year (the admin compresses its days, as for Lào Cai's). */
export function ensureSonLaCycle(): Promise<void> {
  return openCycle('14', CYCLE_YEAR, 'QD1048-2019', { ...windowsFromNow(), ...TEST_TURNAROUNDS });
}

/**
 * A producer organisation registered in `districtCode` (by the admin) with a producer login of its own; answers its
 * id. For suites that need products of a district the demo organisations are not in.
 */
export async function producerIn(districtCode: string, username: string, name: string): Promise<string> {
  const me = await request('POST', '/auth/login', { body: { username, password: DEMO_PASSWORD } });
  if (me.status === 200) return ok(await requestAs(username, 'GET', '/auth/me')).organisationId;
  const organisation = ok(await requestAs('admin', 'POST', '/organisations', { body: { name, producerType: 'htx', districtCode } }), 201);
  ok(
    await requestAs('admin', 'POST', '/users', {
      body: {
        username,
        displayName: name,
        password: DEMO_PASSWORD,
        role: 'producer',
        organisationId: organisation.id,
        provinceCode: 'lao-cai',
      },
    }),
    201,
  );
  return organisation.id;
}

/** The year of the suites' cycle whose idea window closed three days before it was opened (late entries). */
export const CLOSED_WINDOW_YEAR = 2020;

/** That cycle: Lào Cai 2020, idea window closed, the other windows weeks ahead; opened once by whichever suite asks. */
export function ensureClosedWindowCycle(): Promise<void> {
  closedWindowCycle ??= (async () => {
    const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();
    const opened = await requestAs('admin', 'POST', '/cycles', {
      body: {
        provinceCode: 'lao-cai',
        year: CLOSED_WINDOW_YEAR,
        calendar: {
          ideaWindowClosesAt: day(-3),
          businessPlanDueAt: day(20),
          dossierDueAt: day(30),
          districtSessionsCloseAt: day(40),
          provincialSessionsCloseAt: day(50),
          certificationAt: day(60),
        },
      },
    });
    if (opened.status !== 201 && opened.body?.code !== 'ALREADY_EXISTS') {
      closedWindowCycle = undefined;
      throw new Error(`could not open the ${CLOSED_WINDOW_YEAR} cycle: ${JSON.stringify(opened.body)}`);
    }
  })();
  return closedWindowCycle;
}
let closedWindowCycle: Promise<void> | undefined;

export interface IdeaOptions {
  producer?: string;
  /** The producer's organisation, when it is not one of ORGANISATION_OF's. */
  organisationId?: string;
  district?: string;
  productGroup?: string;
  name?: string;
}

/** A product of the test cycle (opened first if no suite has yet), submitted by its producer; returns its id and name. */
export async function submitIdea(options: IdeaOptions = {}): Promise<{ id: string; name: string }> {
  await ensureTestCycle();
  const producer = options.producer ?? 'htx.bacha';
  const name = options.name ?? `Sản phẩm thử ${randomUUID().slice(0, 6)}`;
  const body = {
    organisationId: options.organisationId ?? ORGANISATION_OF[producer],
    name,
    productGroup: options.productGroup ?? 'thuc-pham',
    // The organisation's district (it is taken from the organisation when left out).
    ...(options.district ? { district: options.district } : {}),
    cycleYear: CYCLE_YEAR,
  };
  const created = ok(await requestAs(producer, 'POST', '/products', { body, headers: { 'Idempotency-Key': `idea-${randomUUID()}` } }), 201);
  return { id: created.id, name };
}

export const DOSSIER = { selfAssessment: { A: 28, B: 18, C: 30 }, evidence: ['https://files.example.vn/ho-so.pdf'] };

/** Idea accepted by a coordinator of the product's area (the provincial one works for every district). */
export async function acceptIdea(id: string, coordinator = 'tinh.laocai'): Promise<void> {
  ok(await requestAs(coordinator, 'POST', `/products/${id}/review`, { body: { decision: 'accept' } }));
}

export async function submitBusinessPlan(id: string, producer = 'htx.bacha'): Promise<void> {
  ok(await requestAs(producer, 'POST', `/products/${id}/business-plan`, { body: { summary: 'Mở rộng vùng nguyên liệu' } }));
}

export async function submitDossier(id: string, producer = 'htx.bacha'): Promise<void> {
  await attachRequiredDocuments(id, producer);
  ok(await requestAs(producer, 'POST', `/products/${id}/dossier`, { body: DOSSIER }));
}

/** Uploads `bytes` as a document of the product (multipart, as a browser sends it). */
export async function uploadDocument(
  username: string,
  productId: string,
  kind: string,
  bytes: Buffer,
  fileName: string,
  query = '',
): Promise<JsonResponse> {
  const form = new FormData();
  form.append('file', new Blob([bytes]), fileName);
  const response = await fetch(`${apiUrl()}/products/${productId}/documents?kind=${kind}${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await tokenOf(username)}` },
    body: form,
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text,
  };
}

/** A one-page PDF for each document the product's checklist still misses. */
export async function attachRequiredDocuments(productId: string, producer = 'htx.bacha'): Promise<void> {
  const list = ok(await requestAs(producer, 'GET', `/products/${productId}/documents`));
  for (const item of list.checklist.filter((i: { present: boolean }) => !i.present)) {
    ok(await uploadDocument(producer, productId, item.kind, aPdf(`${item.kind} ${productId}`), `${item.kind}.pdf`), 201);
  }
}

/** A total split over parts A (max 35), B (max 25), C (max 40) in proportion. */
export const parts = (total: number) => {
  const A = Math.round(total * 0.35 * 100) / 100;
  const B = Math.round(total * 0.25 * 100) / 100;
  return { A, B, C: Math.round((total - A - B) * 100) / 100 };
};

/** A session of the demo council (hoidong.1 chairs), created by `coordinator`; returns its id. */
export async function createSession(
  coordinator: string,
  level: 'district' | 'province',
  areaCode: string,
  cycleYear = CYCLE_YEAR,
): Promise<string> {
  const memberIds = await Promise.all(COUNCIL.map(userIdOf));
  const session = ok(
    await requestAs(coordinator, 'POST', '/sessions', {
      body: {
        level,
        areaCode,
        cycleYear,
        sessionDate: new Date(Date.now() + 10 * 86_400_000).toISOString(),
        memberIds,
        chairId: memberIds[0],
      },
      headers: { 'Idempotency-Key': `session-${randomUUID()}` },
    }),
    201,
  );
  return session.id;
}

export async function enterProduct(coordinator: string, sessionId: string, productId: string): Promise<void> {
  ok(await requestAs(coordinator, 'POST', `/sessions/${sessionId}/products`, { body: { productId } }));
  await until(
    async () => ok(await requestAs(coordinator, 'GET', `/products/${productId}`)),
    (p) => p.live?.sessionId === sessionId,
    `${productId} entered in ${sessionId}`,
  );
  await untilScoringOpens(sessionId);
}

/**
 * Members score from the session's day on (SESSION_NOT_STARTED before). A session of the test cycle (a rule day of
 * one second) 10 days ahead opens for scoring about 10 s after it was set up: wait for it when it is that close.
 */
export async function untilScoringOpens(sessionId: string): Promise<void> {
  const session = ok(await requestAs('admin', 'GET', `/sessions/${sessionId}`));
  const opensAt = Date.parse(session.live?.scoringOpensAt ?? '');
  if (Number.isNaN(opensAt) || opensAt - Date.now() > 60_000) return;
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, opensAt - Date.now()) + 200));
}

/** Every member scores around `total` (within the allowed spread), then the chair closes. */
export async function scoreAndClose(sessionId: string, productIds: readonly string[], total: number): Promise<void> {
  for (const productId of productIds) {
    for (const [i, member] of COUNCIL.entries()) {
      ok(
        await requestAs(member, 'POST', `/sessions/${sessionId}/scorecards`, {
          body: { productId, parts: parts(total + [0, 1, -1, 2, -2][i]!) },
        }),
      );
    }
  }
  ok(
    await requestAs('hoidong.1', 'POST', `/sessions/${sessionId}/close`, {
      body: { presentMemberIds: await Promise.all(COUNCIL.map(userIdOf)) },
    }),
  );
}

export async function stageOf(id: string, as = 'tinh.laocai'): Promise<any> {
  return ok(await requestAs(as, 'GET', `/products/${id}`));
}

export const waitForStage = (id: string, stage: string, as = 'tinh.laocai') =>
  until(
    () => stageOf(id, as),
    (p) => p.stage === stage,
    `${id} at ${stage}`,
  );

/** The new Lào Cai (GSO 15, the 2025 map) and its demo organisation in Xã Bảo Nhai (producer htx.baonhai). */
export const NEW_LAO_CAI = '15';
export const BAO_NHAI_ORG = '2f1a4c7e-0b8d-4c36-9a51-3c1e8f0a1007';
/**
 * The new Lào Cai's commune cycle's year: next year, a 2025-map year whose other cycles (Lào Cai's) run QĐ 1489 too —
 * this year's QĐ 1048 cycles would no longer agree on the central session's rule set.
 */
export const NEW_LAO_CAI_YEAR = CYCLE_YEAR + 1;

let newLaoCaiCycle: Promise<void> | undefined;
/** The new Lào Cai's commune cycle of next year: QĐ 1489, a rule "day" of one second, windows hours ahead. */
export function ensureNewLaoCaiCycle(): Promise<void> {
  newLaoCaiCycle ??= openCycle(NEW_LAO_CAI, NEW_LAO_CAI_YEAR, 'QD1489-2025', windowsFromNow());
  return newLaoCaiCycle;
}

/** An idea taken by its producer (and the coordinator who accepts it) to its dossier; answers the product. */
export async function toDossier(producer: string, organisationId: string, coordinator: string, extra: Record<string, unknown> = {}) {
  const idea = ok(
    await requestAs(producer, 'POST', '/products', {
      body: {
        organisationId,
        name: `Mận tam hoa ${randomUUID().slice(0, 6)}`,
        productGroup: 'thu-cong-my-nghe',
        cycleYear: NEW_LAO_CAI_YEAR,
        ...extra,
      },
      headers: { 'Idempotency-Key': `commune-idea-${randomUUID()}` },
    }),
    201,
  );
  ok(await requestAs(coordinator, 'POST', `/products/${idea.id}/review`, { body: { decision: 'accept' } }));
  ok(await requestAs(producer, 'POST', `/products/${idea.id}/business-plan`, { body: { summary: 'Mở rộng vùng mận lên 20 ha' } }));
  await attachRequiredDocuments(idea.id, producer);
  const dossier = ok(
    await requestAs(producer, 'POST', `/products/${idea.id}/dossier`, {
      body: { selfAssessment: { A: 30, B: 18, C: 26 }, evidence: ['https://files.example.vn/ho-so.pdf'] },
    }),
  );
  return { ...idea, stage: dossier.stage as string };
}
