import { describeNotice } from './notifications';

// Every kind of inbox message names its kind, the item it is about and the web app's route to it (issue 12, point 10).
const P = '5b7e2c1a-0000-4000-8000-000000000001';
const S = '6c8f3d2b-0000-4000-8000-000000000002';
const C = 'LC-2021-0042';

describe('describeNotice', () => {
  it.each([
    [
      'a deadline reminder to the producer',
      `product:${P}:2021:dossier_due:reminder-7d:2021-05-31T17:00:00.000Z`,
      'deadline-reminder',
      { productName: 'Mận', step: 'dossier-submission' },
      { kind: 'reminder', about: { type: 'product', id: P, cycleYear: 2021 }, link: `/app/products/${P}` },
    ],
    [
      'a missed deadline escalated to the province',
      `product:${P}:2021:dossier_due:escalated:2021-05-31T17:00:00.000Z`,
      'deadline-missed',
      {},
      { kind: 'missed', about: { type: 'product', id: P, cycleYear: 2021 }, link: `/app/products/${P}` },
    ],
    [
      'an idea reviewed',
      `product:${P}:2021:idea-reviewed:3`,
      'idea-reviewed',
      {},
      { kind: 'result', about: { type: 'product', id: P, cycleYear: 2021 }, link: `/app/products/${P}` },
    ],
    [
      'a lab test requested',
      `product:${P}:2021:lab-test-requested:1`,
      'lab-test-requested',
      { requestId: `product:${P}:2021:lab:1` },
      { kind: 'request', about: { type: 'lab_request', id: `product:${P}:2021:lab:1` }, link: `/app/lab?product=${P}` },
    ],
    [
      'a lab reminded of a test',
      `product:${P}:2021:lab-reminder-1d:2021-07-01T17:00:00.000Z`,
      'deadline-reminder',
      {},
      { kind: 'reminder', about: { type: 'product', id: P, cycleYear: 2021 }, link: `/app/lab?product=${P}` },
    ],
    [
      'a product scored',
      `product:${P}:2021:product-scored:district`,
      'product-scored',
      {},
      { kind: 'result', about: { type: 'product', id: P, cycleYear: 2021 }, link: `/app/products/${P}` },
    ],
    [
      'a certificate issued by the journey',
      `product:${P}:2021:certificate-issued:${C}`,
      'certificate-issued',
      { certificateNo: C },
      { kind: 'certificate', about: { type: 'certificate', id: C }, link: `/app/verify/${C}` },
    ],
    [
      'a council session scheduled',
      `session:${S}:session-scheduled:${P}`,
      'session-scheduled',
      {},
      { kind: 'schedule', about: { type: 'session', id: S }, link: `/app/sessions/${S}` },
    ],
    [
      'an inspection requested',
      `certificate:${C}:inspection-requested:1`,
      'inspection-requested',
      { certificateNo: C },
      { kind: 'request', about: { type: 'certificate', id: C }, link: '/app/inspections' },
    ],
    [
      'a certificate revoked',
      `certificate:${C}:revoked`,
      'certificate-revoked',
      { certificateNo: C },
      { kind: 'certificate', about: { type: 'certificate', id: C }, link: `/app/verify/${C}` },
    ],
    [
      'a re-evaluation reminder',
      `certificate:${C}:re-evaluation-reminder-30d:2024-06-01T17:00:00.000Z`,
      're-evaluation-reminder',
      {},
      { kind: 'reminder', about: { type: 'certificate', id: C }, link: `/app/verify/${C}` },
    ],
    [
      'a cycle window closing (to every producer)',
      'cycle:lao-cai:2021:ideaWindowClosesAt:reminder-7d:2021-03-31T17:00:00.000Z',
      'cycle-window-closing',
      {},
      { kind: 'reminder', about: { type: 'cycle', id: 'lao-cai/2021' }, link: '/app/workspace' },
    ],
    [
      'an account locked',
      `account-locked:${S}:2021-03-31T17:00:00.000Z`,
      'account-locked',
      {},
      { kind: 'account', about: { type: 'account', id: S }, link: null },
    ],
    [
      'a message whose outbox row is gone: from its id alone',
      `product:${P}:2021:business_plan_due:reminder-1d:2021-04-30T17:00:00.000Z`,
      null,
      null,
      { kind: 'reminder', about: { type: 'product', id: P, cycleYear: 2021 }, link: `/app/products/${P}` },
    ],
  ])('%s', (_what, messageId, template, data, expected) => {
    expect(describeNotice(messageId, template, data)).toEqual(expected);
  });
});
