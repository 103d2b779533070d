import { DataSource } from 'typeorm';
import { OCOP_PROVINCES } from '@ocop/admin-map';
import { PROVINCE_PREFIXES } from '@ocop/certificates';
import { waitingStageFor } from '@ocop/contracts';
import { LAO_CAI } from '@ocop/domain';
import { progressBar, quantile } from './measure';

/** The national view's year in the bench: no other phase loads it. */
export const NATIONAL_LOAD_YEAR = 2018;
/** One journey in this many waits for the central council (a nominee). */
const NOMINEE_EVERY = 50;

export interface NationalLoad {
  readonly journeys: number;
  readonly certified: number;
  readonly nominees: number;
  readonly events: number;
  readonly loadSeconds: number;
}

/**
 * Loads `journeys` product journeys of one year spread over the 34 provinces of the 2025 map straight into the event
 * log (INSERT … SELECT, shaped as the journey writes them), `certified` of them certified (3★–5★, numbers with their
 * province's prefix, some expiring within the national view's 90 days), one in NOMINEE_EVERY awaiting the central
 * council, the rest between the district council and not qualified; and each province's cycle with its target.
 * The read models come from a rebuild afterwards, as `npm run rebuild` makes them.
 */
export async function loadNationalYear(db: DataSource, journeys: number, certified: number): Promise<NationalLoad> {
  if (certified > journeys) throw new RangeError('cannot certify more products than there are journeys');
  const provinces = OCOP_PROVINCES.filter((p) => p.code !== LAO_CAI.code);
  const codes = provinces.map((p) => p.code);
  const districts = provinces.map((p) => p.districts[0]!.code);
  const prefixes = provinces.map((p) => PROVINCE_PREFIXES[p.code]!);
  const year = NATIONAL_LOAD_YEAR;
  const started = Date.now();
  await db.query(
    `INSERT INTO events (event_id, stream_id, stream_seq, type, payload, actor, occurred_at)
     SELECT 'bench-national-cycle-' || code, 'cycle:' || code || ':${year}', 1, 'CycleOpened',
            jsonb_build_object('provinceCode', code, 'year', ${year}, 'ruleSet', 'QD1048-2019', 'calendar', '{}'::jsonb,
                               'targets', jsonb_build_object('newCertifiedProducts', 500, 'organisationsConsolidated', 20, 'newOrganisations', 10)),
            'system:bench', '${year}-01-15T00:00:00Z'
       FROM unnest($1::text[]) code
     ON CONFLICT DO NOTHING`,
    [codes],
  );
  const batch = 10_000;
  const bar = progressBar(`P6 load ${journeys} national journeys`, journeys);
  // Journey n is certified when n < certified (evenly over the provinces: n mod 34 picks the province).
  for (let from = 0; from < journeys; from += batch) {
    const to = Math.min(journeys, from + batch) - 1;
    await db.query(
      `WITH p AS (
         SELECT n, md5('bench-national-' || n)::uuid AS id, 1 + n % array_length($3::text[], 1) AS i,
                timestamptz '${year}-02-01' + (n % 50000) * interval '1 minute' AS t0,
                CASE WHEN n < $6 THEN 'certified' WHEN n % ${NOMINEE_EVERY} = 1 THEN $7
                     WHEN n % 3 = 0 THEN 'not_qualified' WHEN n % 3 = 1 THEN 'awaiting_district_session' ELSE 'awaiting_province_session' END AS outcome
           FROM generate_series($1::int, $2::int) n),
       e AS (
         SELECT p.*, s,
                CASE WHEN s = 1 THEN 'IdeaSubmitted' WHEN s = 2 THEN 'IdeaAccepted' WHEN s = 3 THEN 'BusinessPlanSubmitted' WHEN s = 4 THEN 'DossierSubmitted'
                     WHEN outcome = 'certified' THEN (CASE WHEN s = 5 THEN 'StarsRecognised' ELSE 'CertificateIssued' END)
                     WHEN outcome = 'not_qualified' THEN 'NotQualified'
                     ELSE 'ForwardedToLevel' END AS type
           FROM p CROSS JOIN generate_series(1, CASE WHEN p.outcome = 'certified' THEN 6 ELSE 5 END) s)
       INSERT INTO events (event_id, stream_id, stream_seq, type, payload, actor, occurred_at)
       SELECT md5('national:' || id::text || ':' || s)::uuid::text, 'product:' || id || ':${year}', s, type,
              CASE type
                WHEN 'IdeaSubmitted' THEN jsonb_build_object('productId', id, 'organisationId', $5::text, 'name', 'Sản phẩm quốc gia ' || n,
                       'productGroup', 'vai-may-mac', 'districtCode', ($4::text[])[i], 'provinceCode', ($3::text[])[i], 'cycleYear', ${year},
                       'ruleSet', 'QD1048-2019', 'workflowId', 'product:' || id || ':${year}', 'stage', 'awaiting_idea_review', 'dueAt', t0 + interval '30 days')
                WHEN 'IdeaAccepted' THEN jsonb_build_object('stage', 'business_plan_due', 'dueAt', t0 + interval '60 days')
                WHEN 'BusinessPlanSubmitted' THEN jsonb_build_object('stage', 'dossier_due', 'dueAt', t0 + interval '90 days', 'summary', 'Phương án kinh doanh')
                WHEN 'DossierSubmitted' THEN jsonb_build_object('stage', 'awaiting_district_session', 'dueAt', t0 + interval '150 days')
                WHEN 'NotQualified' THEN jsonb_build_object('stage', 'not_qualified', 'reason', 'mean below 50')
                WHEN 'ForwardedToLevel' THEN jsonb_build_object('stage', outcome, 'dueAt', t0 + interval '200 days')
                WHEN 'StarsRecognised' THEN jsonb_build_object('stage', 'awaiting_province_session', 'stars', 3 + n % 3)
                ELSE jsonb_build_object('stage', 'certified', 'stars', 3 + n % 3, 'level', 'province',
                       'certificateNo', ($8::text[])[i] || '-${year}-' || lpad((n / array_length($3::text[], 1) + 1)::text, 4, '0'),
                       -- issued up to a year ago: about a quarter expire within 90 days
                       'issuedAt', now() - interval '36 months' + (n % 365) * interval '1 day',
                       'expiresAt', now() + (n % 365) * interval '1 day')
              END,
              CASE WHEN s = 1 THEN 'producer:bench-national' ELSE 'system:bench-national' END,
              t0 + s * interval '5 days'
         FROM e
        ORDER BY n, s`,
      [from, to, codes, districts, '2f1a4c7e-0b8d-4c36-9a51-3c1e8f0a1001', certified, waitingStageFor('central'), prefixes],
    );
    bar.tick(to - from + 1);
  }
  bar.done();
  const nominees = Array.from({ length: journeys }, (_, n) => n).filter((n) => n >= certified && n % NOMINEE_EVERY === 1).length;
  return { journeys, certified, nominees, events: journeys * 5 + certified, loadSeconds: (Date.now() - started) / 1000 };
}

export interface NationalTimes {
  readonly p50: number;
  readonly p95: number;
  /** The view's totals agree with what was loaded. */
  readonly sameCounts: boolean;
  readonly seen: { products: number; certified: number; nominees: number; provinces: number };
}

/** `GET /national?year=` over HTTP as the central office, `requests` times after 5 warm-ups. */
export async function measureNational(apiUrl: string, token: string, requests: number, load: NationalLoad): Promise<NationalTimes> {
  const url = `${apiUrl}/national?year=${NATIONAL_LOAD_YEAR}`;
  const times: number[] = [];
  let body: { provinces?: unknown[]; total?: { products: number; certified: number; nominees: number }; nomineesTotal?: number } = {};
  const bar = progressBar('P6 GET /national', requests);
  for (let i = 0; i < requests + 5; i += 1) {
    const t0 = performance.now();
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    body = (await response.json()) as typeof body;
    if (!response.ok) throw new Error(`national: ${response.status} ${JSON.stringify(body)}`);
    if (i >= 5) {
      times.push(performance.now() - t0);
      bar.tick();
    }
  }
  bar.done();
  const seen = {
    products: body.total?.products ?? 0,
    certified: body.total?.certified ?? 0,
    nominees: body.nomineesTotal ?? 0,
    provinces: body.provinces?.length ?? 0,
  };
  const sameCounts = seen.products === load.journeys && seen.certified === load.certified && seen.nominees === load.nominees;
  return { p50: quantile(times, 0.5), p95: quantile(times, 0.95), sameCounts, seen };
}
