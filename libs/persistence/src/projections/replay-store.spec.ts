import { createProjections } from './projections';
import { CYCLE_PROGRESS, INSPECTIONS, ORGANISATIONS, PRODUCTS } from './read-model-tables';
import { ProjectedEvent, selects, selectsSql } from './read-model';
import { ReplayStore } from './replay-store';

// The in-memory side of a rebuild; that it gives the live rows is proven against PostgreSQL in
// test/integration/projection-rebuild.spec.ts. Here: what it must refuse or merge as the live SQL does.
describe('ReplayStore', () => {
  const rules = createProjections().rules;
  let position = 0;
  const event = (streamId: string, type: string, payload: Record<string, unknown>, actor = 'system:test'): ProjectedEvent =>
    ({
      streamId,
      type,
      payload,
      actor,
      occurredAt: new Date(Date.UTC(2021, 0, 1, 0, 0, ++position)).toISOString(),
      position: String(position),
    }) as ProjectedEvent;
  const submitted = (workflowId: string, extra: Record<string, unknown> = {}) =>
    event(workflowId, 'IdeaSubmitted', {
      productId: '7d0e1a52-58c1-4e4e-9d7e-4c1b2f3a4b5c',
      organisationId: 'f0c1e2d3-58c1-4e4e-9d7e-4c1b2f3a4b5c',
      name: 'Mật ong',
      productGroup: 'thuc-pham',
      districtCode: 'bac-ha',
      provinceCode: 'lao-cai',
      cycleYear: 2021,
      ruleSet: 'QD1048-2019',
      workflowId,
      ...extra,
    });

  it('counts a product in the cell of its stage, keeping cells that fall to zero', () => {
    const store = new ReplayStore(rules);
    const w = 'product:7d0e1a52-58c1-4e4e-9d7e-4c1b2f3a4b5c:2021';
    store.apply(submitted(w));
    store.apply(event(w, 'IdeaAccepted', { stage: 'business_plan_due', dueAt: '2021-05-01T00:00:00.000Z' }));
    store.apply(event(w, 'ReminderSent', { step: 'business_plan' })); // no stage: nothing
    expect(store.rows(PRODUCTS)).toEqual([
      expect.objectContaining({
        stage: 'business_plan_due',
        due_at: '2021-05-01T00:00:00.000Z',
        last_event_position: String(position - 1),
      }),
    ]);
    expect(store.rows(CYCLE_PROGRESS).map((c) => [c.stage, c.products])).toEqual([
      ['awaiting_idea_review', 0],
      ['business_plan_due', 1],
    ]);
  });

  it('refuses what the live INSERT refuses: a taken key, a null key', () => {
    const store = new ReplayStore(rules);
    store.apply(submitted('product:a:2021'));
    expect(() => store.apply(submitted('product:a:2021'))).toThrow(/products: duplicate key/);
    expect(() => store.apply(submitted('product:b:2021', { workflowId: undefined }))).toThrow(/products: a key column/);
  });

  it('finds keys as PostgreSQL compares them: a uuid whatever its spelling', () => {
    const store = new ReplayStore(rules);
    const id = '5b7d0c1e-58c1-4e4e-9d7e-4c1b2f3a4b5c';
    store.apply(
      event(`organisation:${id}`, 'OrganisationRegistered', {
        organisationId: id,
        name: 'A',
        producerType: 'htx',
        provinceCode: 'lao-cai',
        districtCode: 'bac-ha',
      }),
    );
    store.apply(
      event(`organisation:${id}`, 'OrganisationRegistered', {
        organisationId: id.toUpperCase(),
        name: 'B',
        producerType: 'htx',
        provinceCode: 'lao-cai',
        districtCode: 'bac-ha',
      }),
    );
    expect(store.rows(ORGANISATIONS).map((o) => o.name)).toEqual(['B']);
  });

  it('applies round-less inspection events to the latest round', () => {
    const store = new ReplayStore(rules);
    const w = 'product:7d0e1a52-58c1-4e4e-9d7e-4c1b2f3a4b5c:2021';
    store.apply(submitted(w));
    store.apply(
      event(w, 'CertificateIssued', {
        stage: 'certified',
        stars: 4,
        certificateNo: 'LC-2021-0001',
        issuedAt: '2021-10-01T00:00:00Z',
        expiresAt: '2024-10-01T00:00:00Z',
      }),
    );
    const c = 'certificate:LC-2021-0001';
    store.apply(
      event(c, 'InspectionRequested', { status: 'valid', round: 2, dueAt: '2023-10-01T00:00:00Z', reportDueAt: '2023-11-01T00:00:00Z' }),
    );
    store.apply(
      event(c, 'InspectionRequested', {
        status: 'valid',
        round: 1,
        dueAt: '2022-10-01T00:00:00Z',
        reportDueAt: '2022-11-01T00:00:00Z',
        inspectorId: 'inspector:x',
      }),
    );
    store.apply(event(c, 'InspectionReportOverdue', { status: 'valid' }));
    expect(store.rows(INSPECTIONS).map((i) => [i.round, i.status, i.inspector_id])).toEqual([
      [2, 'overdue', null],
      [1, 'requested', 'inspector:x'],
    ]);
  });

  it('the SQL a replay reads the log with selects at least the events the projections select', () => {
    const sql = selectsSql(rules);
    for (const rule of rules) {
      for (const s of rule.selects) {
        if (s.streamPrefix) expect(sql).toContain(`stream_id LIKE '${s.streamPrefix}%'`);
        if (s.payloadKey) expect(sql).toContain(`payload ? '${s.payloadKey}'`);
        for (const type of s.types ?? []) expect(sql).toContain(`'${type}'`);
      }
    }
    const products = rules.find((r) => r.name === 'products')!;
    expect(selects(products, { streamId: 'product:x:2021', type: 'ReminderSent', payload: {} })).toBe(false);
    expect(selects(products, { streamId: 'product:x:2021', type: 'ReminderSent', payload: { stage: 'dossier_due' } })).toBe(true);
    expect(selects(products, { streamId: 'session:x', type: 'IdeaSubmitted', payload: { stage: 'x' } })).toBe(false);
  });
});
