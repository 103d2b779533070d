import { DataSource } from 'typeorm';
import { LAO_CAI } from '@ocop/domain';
import { createProjections, EventStore, ProjectionRebuilder } from '@ocop/persistence';
import { progressBar, quantile } from './measure';

export const LOAD_YEAR = 2019;
const EVENTS_PER_PRODUCT = 20;

export interface LoadResult {
  readonly products: number;
  readonly events: number;
  readonly loadSeconds: number;
  readonly rawRowsPerSecond: number;
}

/**
 * Loads `products` journeys of a past Lào Cai cycle straight into the event log (20 events each, shaped as the
 * journey writes them: idea, review, plan, dossier, reminders, then an outcome that spreads them over stages,
 * lab requests, stars and certificates), by INSERT … SELECT in PostgreSQL. Also measures the same server's raw
 * insert rate for rows of the same width into a table shaped like `events`.
 */
export async function loadEvents(db: DataSource, products: number): Promise<LoadResult> {
  const districts = LAO_CAI.districts.map((d) => d.code);
  const groups = ['thuc-pham', 'do-uong', 'thao-duoc', 'vai-may-mac', 'luu-niem-noi-that-trang-tri'];
  const organisations = ['1001', '1002', '1003', '1004', '1005'].map((n) => `2f1a4c7e-0b8d-4c36-9a51-3c1e8f0a${n}`);
  const batch = 10_000;
  const bar = progressBar(`P3 load ${products * EVENTS_PER_PRODUCT} events`, products);
  const started = Date.now();
  await db.query(
    `INSERT INTO events (event_id, stream_id, stream_seq, type, payload, actor, occurred_at)
     VALUES ('bench-load-cycle-${LOAD_YEAR}', 'cycle:lao-cai:${LOAD_YEAR}', 1, 'CycleOpened', $1::jsonb, 'system:bench', '${LOAD_YEAR}-01-15T00:00:00Z')
     ON CONFLICT DO NOTHING`,
    [
      JSON.stringify({
        provinceCode: 'lao-cai',
        year: LOAD_YEAR,
        ruleSet: 'QD1048-2019',
        calendar: {},
        targets: { newCertifiedProducts: 30, organisationsConsolidated: 12, newOrganisations: 7 },
      }),
    ],
  );
  for (let from = 1; from <= products; from += batch) {
    const to = Math.min(products, from + batch - 1);
    await db.query(
      `WITH p AS (
         SELECT n, md5('bench-load-' || n)::uuid AS id,
                ($3::text[])[1 + n % array_length($3::text[], 1)] AS district,
                ($4::text[])[1 + n % array_length($4::text[], 1)] AS grp,
                ($5::text[])[1 + n % array_length($5::text[], 1)] AS org,
                timestamptz '${LOAD_YEAR}-02-01' + (n % 50000) * interval '1 minute' AS t0
           FROM generate_series($1::int, $2::int) n),
       e AS (
         SELECT p.*, s,
                CASE WHEN s = 1 THEN 'IdeaSubmitted' WHEN s = 2 THEN 'IdeaAccepted' WHEN s = 3 THEN 'BusinessPlanSubmitted' WHEN s = 4 THEN 'DossierSubmitted'
                     WHEN s < 19 THEN 'ReminderSent'
                     WHEN n % 6 = 0 THEN (CASE WHEN s = 19 THEN 'ReminderSent' ELSE 'EnteredSession' END)
                     WHEN n % 6 = 1 THEN (CASE WHEN s = 19 THEN 'DistrictScored' ELSE 'NotQualified' END)
                     WHEN n % 6 = 2 THEN (CASE WHEN s = 19 THEN 'DistrictScored' ELSE 'LabTestRequested' END)
                     WHEN n % 6 = 3 THEN (CASE WHEN s = 19 THEN 'LabTestPassed' ELSE 'ForwardedToLevel' END)
                     ELSE (CASE WHEN s = 19 THEN 'StarsRecognised' ELSE 'CertificateIssued' END) END AS type
           FROM p CROSS JOIN generate_series(1, ${EVENTS_PER_PRODUCT}) s)
       INSERT INTO events (event_id, stream_id, stream_seq, type, payload, actor, occurred_at)
       SELECT md5(id::text || ':' || s)::uuid::text, 'product:' || id || ':${LOAD_YEAR}', s, type,
              CASE type
                WHEN 'IdeaSubmitted' THEN jsonb_build_object('productId', id, 'organisationId', org, 'name', 'Sản phẩm tải ' || n, 'productGroup', grp,
                       'districtCode', district, 'provinceCode', 'lao-cai', 'cycleYear', ${LOAD_YEAR}, 'ruleSet', 'QD1048-2019',
                       'workflowId', 'product:' || id || ':${LOAD_YEAR}', 'stage', 'awaiting_idea_review', 'dueAt', t0 + interval '30 days')
                WHEN 'IdeaAccepted' THEN jsonb_build_object('stage', 'business_plan_due', 'dueAt', t0 + interval '60 days')
                WHEN 'BusinessPlanSubmitted' THEN jsonb_build_object('stage', 'dossier_due', 'dueAt', t0 + interval '90 days', 'summary', 'Phương án kinh doanh')
                WHEN 'DossierSubmitted' THEN jsonb_build_object('stage', 'awaiting_district_session', 'dueAt', t0 + interval '150 days', 'selfAssessment', jsonb_build_object('A', 28, 'B', 18, 'C', 30))
                WHEN 'ReminderSent' THEN jsonb_build_object('step', 'district_session', 'kind', 'before', 'daysBefore', 7, 'dueAt', t0 + interval '150 days', 'recipient', 'org:' || org)
                WHEN 'EnteredSession' THEN jsonb_build_object('stage', 'awaiting_district_session', 'dueAt', now() + (n % 30) * interval '1 day' - interval '10 days', 'sessionId', 'load-' || district)
                WHEN 'DistrictScored' THEN jsonb_build_object('stage', 'awaiting_district_session', 'dueAt', t0 + interval '150 days', 'mean', 40 + n % 40)
                WHEN 'NotQualified' THEN jsonb_build_object('stage', 'not_qualified', 'reason', 'mean below 50')
                WHEN 'LabTestRequested' THEN jsonb_build_object('stage', 'awaiting_lab_test', 'dueAt', now() + (n % 40) * interval '1 day' - interval '20 days', 'requestId', 'load-lab-' || id, 'attempt', 1, 'labId', 'lab:lao-cai', 'productGroup', grp)
                WHEN 'LabTestPassed' THEN jsonb_build_object('stage', 'awaiting_lab_test', 'requestId', 'load-lab-' || id, 'attempt', 1)
                WHEN 'ForwardedToLevel' THEN jsonb_build_object('stage', 'awaiting_province_session', 'dueAt', t0 + interval '200 days', 'to', 'province')
                WHEN 'StarsRecognised' THEN jsonb_build_object('stage', 'awaiting_province_session', 'stars', 3 + n % 2)
                ELSE jsonb_build_object('stage', 'certified', 'stars', 3 + n % 2, 'certificateNo', 'LC-${LOAD_YEAR}-' || lpad(n::text, 6, '0'), 'level', 'province',
                       'issuedAt', t0 + interval '250 days', 'expiresAt', t0 + interval '250 days' + interval '36 months')
              END,
              CASE WHEN s = 1 THEN 'producer:bench-load' WHEN s < 5 THEN 'system:bench-load' ELSE 'system:reminders' END,
              t0 + s * interval '5 days'
         FROM e
        ORDER BY n, s`,
      [from, to, districts, groups, organisations],
    );
    bar.tick(to - from + 1);
  }
  bar.done();
  const loadSeconds = (Date.now() - started) / 1000;

  // The same server's raw rate for rows of the same width, into a table shaped like `events` (indexes included).
  await db.query(`DROP TABLE IF EXISTS bench_raw_rows`);
  await db.query(`CREATE TABLE bench_raw_rows (LIKE events INCLUDING DEFAULTS INCLUDING INDEXES)`);
  const rawStarted = Date.now();
  const rawRows = Math.min(products * EVENTS_PER_PRODUCT, 500_000);
  await db.query(
    `INSERT INTO bench_raw_rows (event_id, stream_id, stream_seq, type, payload, actor, occurred_at, recorded_at, position)
                  SELECT event_id || ':raw', stream_id || ':raw', stream_seq, type, payload, actor, occurred_at, recorded_at, position FROM events WHERE actor LIKE '%bench-load' OR actor = 'system:reminders' LIMIT $1`,
    [rawRows],
  );
  const rawSeconds = (Date.now() - rawStarted) / 1000;
  await db.query(`DROP TABLE bench_raw_rows`);
  return { products, events: products * EVENTS_PER_PRODUCT, loadSeconds, rawRowsPerSecond: rawRows / rawSeconds };
}

/** P4: the rebuild command's own code path over the whole log. */
export async function rebuildReadModels(db: DataSource): Promise<{ events: number; seconds: number; eventsPerSecond: number }> {
  let bar: ReturnType<typeof progressBar> | undefined;
  let last = 0;
  const started = Date.now();
  const result = await new ProjectionRebuilder(db, new EventStore(), createProjections()).rebuild({
    onProgress: ({ applied, total }) => {
      bar ??= progressBar('P4 rebuild read models', total);
      bar.tick(applied - last);
      last = applied;
    },
  });
  bar?.done();
  const seconds = (Date.now() - started) / 1000;
  return { events: result.applied, seconds, eventsPerSecond: result.applied / seconds };
}

/** P3: the progress endpoint over HTTP, and the same counts by GROUP BY over the event log. */
export async function measureProgress(
  db: DataSource,
  apiUrl: string,
  token: string,
  requests: number,
): Promise<{ p50: number; p95: number; groupByMs: number; groupByRows: number; sameCounts: boolean }> {
  const url = `${apiUrl}/cycles/lao-cai/${LOAD_YEAR}/progress`;
  const times: number[] = [];
  let body: { totals?: { products: number; byStage: Record<string, number> } } = {};
  const bar = progressBar('P3 GET …/progress', requests);
  for (let i = 0; i < requests + 5; i += 1) {
    const t0 = performance.now();
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    body = (await response.json()) as typeof body;
    if (!response.ok) throw new Error(`progress: ${response.status} ${JSON.stringify(body)}`);
    if (i >= 5) {
      times.push(performance.now() - t0);
      bar.tick();
    }
  }
  bar.done();
  // The same answer from the log alone: each product's latest stage, counted by stage, district and group.
  const t0 = performance.now();
  const rows: { stage: string; n: number }[] = await db.query(
    `SELECT last.stage, count(*)::int AS n
       FROM (SELECT DISTINCT ON (stream_id) stream_id, payload->>'stage' AS stage
               FROM events WHERE stream_id LIKE 'product:%:${LOAD_YEAR}' AND payload ? 'stage'
              ORDER BY stream_id, stream_seq DESC) last
       JOIN events idea ON idea.stream_id = last.stream_id AND idea.stream_seq = 1
      WHERE idea.payload->>'provinceCode' = 'lao-cai'
      GROUP BY last.stage, idea.payload->>'districtCode', idea.payload->>'productGroup'`,
  );
  const groupByMs = performance.now() - t0;
  const fromLog: Record<string, number> = {};
  for (const r of rows) fromLog[r.stage] = (fromLog[r.stage] ?? 0) + r.n;
  const sameCounts =
    JSON.stringify(Object.entries(fromLog).sort()) ===
    JSON.stringify(
      Object.entries(body.totals?.byStage ?? {})
        .filter(([, n]) => n > 0)
        .sort(),
    );
  return { p50: quantile(times, 0.5), p95: quantile(times, 0.95), groupByMs, groupByRows: rows.length, sameCounts };
}
