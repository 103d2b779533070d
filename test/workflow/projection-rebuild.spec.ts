import { ideaSubmissionUpdate, reviewIdeaUpdate, withdrawUpdate } from '@ocop/contracts';
import { createProjections, EventStore, ProjectionRebuilder, READ_MODEL_TABLES } from '@ocop/persistence';
import { createOwnDatabase } from '../support/own-database';
import { actors, WorkflowHarness } from '../support/workflow-harness';

const JOURNEYS = 200;
const DISTRICTS = ['tp-lao-cai', 'tx-sa-pa', 'bat-xat', 'muong-khuong', 'si-ma-cai', 'bac-ha', 'bao-thang', 'bao-yen', 'van-ban'];
const GROUPS = ['vai-may-mac', 'luu-niem-noi-that-trang-tri', 'dich-vu-du-lich-nong-thon'];

/** Where each journey is taken: five different paths, ending at five different stages. */
async function drive(h: WorkflowHarness, i: number): Promise<void> {
  const { input, handle } = await h.startJourney({
    districtCode: DISTRICTS[i % DISTRICTS.length]!,
    productGroup: GROUPS[i % GROUPS.length]!,
    name: `Sản phẩm ${i}`,
  });
  await handle.executeUpdate(ideaSubmissionUpdate);
  const coordinator = actors.districtCoordinator(input.districtCode);
  switch (i % 5) {
    case 0:
      await handle.executeUpdate(withdrawUpdate, { args: [{ actor: actors.producer(input), reason: 'Tạm dừng sản xuất' }] });
      return;
    case 1:
      await handle.executeUpdate(reviewIdeaUpdate, {
        args: [{ actor: coordinator, decision: 'reject', reason: 'Không phải sản phẩm đặc trưng' }],
      });
      return;
    case 2:
      await h.throughDossier(handle, input);
      await h.score(handle, 'district', 40 + (i % 9));
      await h.waitFor(handle, (s) => s.stage === 'not_qualified');
      return;
    case 3:
      await h.throughDossier(handle, input);
      await h.score(handle, 'district', 70);
      await h.waitFor(handle, (s) => s.stage === 'awaiting_province_session');
      await h.score(handle, 'province', 55 + (i % 30));
      await h.waitFor(handle, (s) => s.stage === 'certified');
      return;
    default:
      await handle.executeUpdate(reviewIdeaUpdate, { args: [{ actor: coordinator, decision: 'accept' }] });
  }
}

describe(`projection rebuild after ${JOURNEYS} journeys`, () => {
  let own: Awaited<ReturnType<typeof createOwnDatabase>>;
  let h: WorkflowHarness;

  beforeAll(async () => {
    own = await createOwnDatabase();
    h = await new WorkflowHarness(own.url).start();
  });
  afterAll(async () => {
    await h?.stop();
    await own?.drop();
  });

  const snapshot = async () => {
    const tables: Record<string, unknown[]> = {};
    for (const table of READ_MODEL_TABLES) tables[table] = await h.db.query(`SELECT * FROM ${table} t ORDER BY t::text`);
    return tables;
  };

  it('gives back exactly the live read models', async () => {
    for (let start = 0; start < JOURNEYS; start += 25) {
      await Promise.all(Array.from({ length: Math.min(25, JOURNEYS - start) }, (_, k) => drive(h, start + k)));
    }
    const live = await snapshot();
    expect(live.products).toHaveLength(JOURNEYS);
    const stages = await h.db.query(
      `SELECT stage, sum(products)::int AS n FROM cycle_progress GROUP BY stage HAVING sum(products) > 0 ORDER BY stage`,
    );
    expect(stages).toEqual([
      { stage: 'business_plan_due', n: 40 },
      { stage: 'certified', n: 40 },
      { stage: 'not_qualified', n: 40 },
      { stage: 'rejected', n: 40 },
      { stage: 'withdrawn', n: 40 },
    ]);
    expect(live.certificates).toHaveLength(40);

    const progress: number[] = [];
    const result = await new ProjectionRebuilder(h.db, new EventStore(), createProjections()).rebuild({
      batchSize: 500,
      onProgress: (p) => progress.push(p.applied),
    });
    expect(result.applied).toBe(result.total);
    expect(progress.length).toBeGreaterThan(1);
    expect(await snapshot()).toEqual(live);
  });
});
