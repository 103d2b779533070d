import type { AuthUser, UserRecord } from '@ocop/identity';
import type { SessionArea } from '../sessions/session-rules';
import {
  type AccessRule,
  decide,
  mayOpenSession,
  mayRegisterIn,
  type Operation,
  type Placement,
  POLICY,
  type RequestInput,
  scopeInProvince,
  scopeOf,
} from './access.policy';

const ORG = '2f1a4c7e-0b8d-4c36-9a51-3c1e8f0a1001';
const OTHER_ORG = '2f1a4c7e-0b8d-4c36-9a51-3c1e8f0a1002';
const who = (role: AuthUser['role'], binding: Partial<AuthUser> = {}): AuthUser => ({
  userId: `${role}-1`,
  username: role,
  displayName: role,
  role,
  disabled: false,
  createdAt: '2021-01-01T00:00:00.000Z',
  via: 'token',
  ...binding,
});
const admin = who('admin');
const producer = who('producer', { organisationId: ORG, provinceCode: 'lao-cai' });
const bacHaCoordinator = who('district_coordinator', { districtCode: 'bac-ha', provinceCode: 'lao-cai' });
const laoCaiCoordinator = who('provincial_coordinator', { provinceCode: 'lao-cai' });
const member = who('council_member');
const lab = who('lab', { agencyId: 'lab:lao-cai' });
const inspector = who('inspector', { agencyId: 'inspector:lao-cai' });
const central = who('central_coordinator');
const sonLaCoordinator = who('provincial_coordinator', { provinceCode: '14' });
const baoNhaiOfficer = who('commune_officer', { communeCode: '02890', provinceCode: '15' });
const bacHaOfficer = who('commune_officer', { communeCode: '02839', provinceCode: '15' });
/** A product of a commune cycle in the new Lào Cai, its organisation in Xã Bảo Nhai. */
const aCommuneProduct: Placement = { organisationId: OTHER_ORG, districtCode: '085', provinceCode: '15', communeCode: '02890' };

const aProduct: Placement = {
  organisationId: ORG,
  districtCode: 'bac-ha',
  provinceCode: 'lao-cai',
  memberIds: [member.userId],
  agencyIds: ['lab:lao-cai', 'inspector:lao-cai'],
};
const anOrganisation: Placement = { organisationId: ORG, districtCode: 'bac-ha', provinceCode: 'lao-cai' };
const body = (fields: unknown): RequestInput => ({ body: fields, query: {} });
const query = (fields: Record<string, string>): RequestInput => ({ body: undefined, query: fields });

type Outcome = 'allowed' | 'ACCESS_DENIED' | 'NOT_FOUND' | 'PRODUCT_NOT_FOUND';

/** One call: an operation of the policy, a caller, where the resource sits (null: nowhere) and the request. */
const CASES: readonly [string, Operation, AuthUser, Placement | null | undefined, RequestInput | undefined, Outcome][] = [
  // Roles.
  ['a producer may not list users', 'users.list', producer, undefined, undefined, 'ACCESS_DENIED'],
  ['admin lists users', 'users.list', admin, undefined, undefined, 'allowed'],
  ['only the admin re-binds a user', 'users.rebind', laoCaiCoordinator, undefined, undefined, 'ACCESS_DENIED'],
  ['admin re-binds a user', 'users.rebind', admin, undefined, undefined, 'allowed'],
  // Contact details: the organisation's own producer, coordinators of its area, admin.
  ['its producer changes its contact details', 'organisations.changeContact', producer, anOrganisation, undefined, 'allowed'],
  [
    'another producer may not',
    'organisations.changeContact',
    who('producer', { organisationId: OTHER_ORG }),
    anOrganisation,
    undefined,
    'ACCESS_DENIED',
  ],
  ['its district coordinator may', 'organisations.changeContact', bacHaCoordinator, anOrganisation, undefined, 'allowed'],
  [
    'another district’s coordinator may not',
    'organisations.changeContact',
    who('district_coordinator', { districtCode: 'bat-xat', provinceCode: 'lao-cai' }),
    anOrganisation,
    undefined,
    'ACCESS_DENIED',
  ],
  ['its province’s coordinator may', 'organisations.changeContact', laoCaiCoordinator, anOrganisation, undefined, 'allowed'],
  ['a council member may not', 'organisations.changeContact', member, anOrganisation, undefined, 'ACCESS_DENIED'],
  ['the central office reads it but may not change it', 'organisations.changeContact', central, anOrganisation, undefined, 'ACCESS_DENIED'],
  ['an organisation that is not there', 'organisations.changeContact', admin, null, undefined, 'NOT_FOUND'],
  ['a lab may not list sessions', 'sessions.list', lab, undefined, undefined, 'ACCESS_DENIED'],
  ['any user reads its notifications', 'notifications.list', inspector, undefined, undefined, 'allowed'],
  // Resources: bound, not bound, not there.
  ['the producer sees its product', 'products.detail', producer, aProduct, undefined, 'allowed'],
  ['another producer does not', 'products.detail', who('producer', { organisationId: OTHER_ORG }), aProduct, undefined, 'ACCESS_DENIED'],
  ['a council member of a session it was entered in sees it', 'products.detail', member, aProduct, undefined, 'allowed'],
  [
    'a council member of no session of it does not',
    'products.detail',
    who('council_member', { userId: 'other-member' }),
    aProduct,
    undefined,
    'ACCESS_DENIED',
  ],
  ['the lab it was sent to sees it', 'products.timeline', lab, aProduct, undefined, 'allowed'],
  ['another lab does not', 'products.timeline', who('lab', { agencyId: 'lab:khac' }), aProduct, undefined, 'ACCESS_DENIED'],
  ['a lab without an agency does not', 'products.timeline', who('lab'), aProduct, undefined, 'ACCESS_DENIED'],
  ['a product that is not there', 'products.detail', admin, null, undefined, 'PRODUCT_NOT_FOUND'],
  ['the district coordinator reviews', 'products.review', bacHaCoordinator, aProduct, undefined, 'allowed'],
  [
    'another district’s coordinator does not',
    'products.review',
    who('district_coordinator', { districtCode: 'bat-xat', provinceCode: 'lao-cai' }),
    aProduct,
    undefined,
    'ACCESS_DENIED',
  ],
  // The commune-level dossier check: the commune's officer, the province's coordinator (the journey checks the rest).
  [
    'the provincial coordinator may check its province’s dossiers',
    'products.dossierCheck',
    laoCaiCoordinator,
    aProduct,
    undefined,
    'allowed',
  ],
  ['another province’s coordinator may not', 'products.dossierCheck', sonLaCoordinator, aProduct, undefined, 'ACCESS_DENIED'],
  ['the commune’s officer checks its products’ dossiers', 'products.dossierCheck', baoNhaiOfficer, aCommuneProduct, undefined, 'allowed'],
  ['another commune’s officer may not', 'products.dossierCheck', bacHaOfficer, aCommuneProduct, undefined, 'ACCESS_DENIED'],
  ['a commune officer, a product of no commune', 'products.dossierCheck', baoNhaiOfficer, aProduct, undefined, 'ACCESS_DENIED'],
  ['the commune’s officer sees its product', 'products.detail', baoNhaiOfficer, aCommuneProduct, undefined, 'allowed'],
  ['another commune’s officer does not', 'products.timeline', bacHaOfficer, aCommuneProduct, undefined, 'ACCESS_DENIED'],
  ['the commune’s officer sees its organisation', 'organisations.detail', baoNhaiOfficer, aCommuneProduct, undefined, 'allowed'],
  [
    'a commune officer does not change an organisation',
    'organisations.changeContact',
    baoNhaiOfficer,
    aCommuneProduct,
    undefined,
    'ACCESS_DENIED',
  ],
  ['a commune officer does not review ideas', 'products.review', baoNhaiOfficer, aCommuneProduct, undefined, 'ACCESS_DENIED'],
  ['nor read the register of certificates', 'certificates.list', baoNhaiOfficer, undefined, undefined, 'ACCESS_DENIED'],
  [
    'a producer does not move its organisation to another commune',
    'organisations.changeContact',
    producer,
    anOrganisation,
    body({ communeCode: '02839' }),
    'ACCESS_DENIED',
  ],
  ['its coordinator does', 'organisations.changeContact', bacHaCoordinator, anOrganisation, body({ communeCode: '02839' }), 'allowed'],
  ['a session that is not there', 'sessions.detail', admin, null, undefined, 'NOT_FOUND'],
  [
    'someone else’s notification is not found',
    'notifications.markRead',
    producer,
    { recipient: 'user:someone-else' },
    undefined,
    'NOT_FOUND',
  ],
  ['a notification to the producer’s organisation', 'notifications.markRead', producer, { recipient: `org:${ORG}` }, undefined, 'allowed'],
  ['a producer sees its province’s cycle', 'cycles.detail', producer, { provinceCode: 'lao-cai' }, undefined, 'allowed'],
  [
    'a producer of another province does not',
    'cycles.detail',
    who('producer', { provinceCode: 'ha-giang' }),
    { provinceCode: 'lao-cai' },
    undefined,
    'ACCESS_DENIED',
  ],
  // Input rules (were checks inside services).
  ['a producer submits for its own organisation', 'products.submitIdea', producer, undefined, body({ organisationId: ORG }), 'allowed'],
  ['… not for another', 'products.submitIdea', producer, undefined, body({ organisationId: OTHER_ORG }), 'ACCESS_DENIED'],
  ['… admin for any', 'products.submitIdea', admin, undefined, body({ organisationId: OTHER_ORG }), 'allowed'],
  [
    '… a malformed organisation id is validation’s',
    'products.submitIdea',
    producer,
    undefined,
    body({ organisationId: 'not-a-uuid' }),
    'allowed',
  ],
  ['… an empty body is validation’s', 'products.submitIdea', producer, undefined, body(null), 'allowed'],
  [
    'a district coordinator registers in its district',
    'organisations.register',
    bacHaCoordinator,
    undefined,
    body({ districtCode: 'bac-ha' }),
    'allowed',
  ],
  ['… not in another', 'organisations.register', bacHaCoordinator, undefined, body({ districtCode: 'bat-xat' }), 'ACCESS_DENIED'],
  [
    '… an unknown district is validation’s (422)',
    'organisations.register',
    bacHaCoordinator,
    undefined,
    body({ districtCode: 'quan-1' }),
    'allowed',
  ],
  [
    'a provincial coordinator registers in a district of its province',
    'organisations.register',
    laoCaiCoordinator,
    undefined,
    body({ districtCode: 'bat-xat' }),
    'allowed',
  ],
  [
    'a district coordinator opens a session of its district',
    'sessions.open',
    bacHaCoordinator,
    undefined,
    body({ level: 'district', areaCode: 'bac-ha' }),
    'allowed',
  ],
  [
    '… not a province session',
    'sessions.open',
    bacHaCoordinator,
    undefined,
    body({ level: 'province', areaCode: 'lao-cai' }),
    'ACCESS_DENIED',
  ],
  [
    '… not another district’s',
    'sessions.open',
    bacHaCoordinator,
    undefined,
    body({ level: 'district', areaCode: 'bat-xat' }),
    'ACCESS_DENIED',
  ],
  [
    '… an unknown level is validation’s',
    'sessions.open',
    bacHaCoordinator,
    undefined,
    body({ level: 'commune', areaCode: 'bac-ha' }),
    'allowed',
  ],
  [
    'a provincial coordinator may not open a central session',
    'sessions.open',
    laoCaiCoordinator,
    undefined,
    body({ level: 'central', areaCode: 'vn' }),
    'ACCESS_DENIED',
  ],
  ['admin opens a central session', 'sessions.open', admin, undefined, body({ level: 'central', areaCode: 'vn' }), 'allowed'],
  [
    'a provincial coordinator opens its province’s cycle',
    'cycles.open',
    laoCaiCoordinator,
    undefined,
    body({ provinceCode: 'lao-cai', year: 2027 }),
    'allowed',
  ],
  [
    '… not another province’s',
    'cycles.open',
    who('provincial_coordinator', { provinceCode: 'ha-giang' }),
    undefined,
    body({ provinceCode: 'lao-cai', year: 2027 }),
    'ACCESS_DENIED',
  ],
  ['… an unknown province is validation’s', 'cycles.open', laoCaiCoordinator, undefined, body({ provinceCode: 'atlantis' }), 'allowed'],
  [
    '… and may not compress days',
    'cycles.open',
    laoCaiCoordinator,
    undefined,
    body({ provinceCode: 'lao-cai', dayLengthMs: 1000 }),
    'ACCESS_DENIED',
  ],
  ['admin compresses days', 'cycles.open', admin, undefined, body({ provinceCode: 'lao-cai', dayLengthMs: 1000 }), 'allowed'],
  [
    'a district coordinator’s progress of its district',
    'cycles.progress',
    bacHaCoordinator,
    { provinceCode: 'lao-cai' },
    query({ district: 'bac-ha' }),
    'allowed',
  ],
  [
    '… not of another district',
    'cycles.progress',
    bacHaCoordinator,
    { provinceCode: 'lao-cai' },
    query({ district: 'bat-xat' }),
    'ACCESS_DENIED',
  ],
  [
    '… the whole province is narrowed to its district (allowed)',
    'cycles.progress',
    bacHaCoordinator,
    { provinceCode: 'lao-cai' },
    query({}),
    'allowed',
  ],
  [
    'a provincial coordinator’s progress of any district',
    'cycles.progress',
    laoCaiCoordinator,
    { provinceCode: 'lao-cai' },
    query({ district: 'bat-xat' }),
    'allowed',
  ],
  // Provinces are separate; the central office sees them all, and runs central sessions only.
  ['another province’s coordinator does not see the product', 'products.detail', sonLaCoordinator, aProduct, undefined, 'ACCESS_DENIED'],
  ['… nor its cycle', 'cycles.progress', sonLaCoordinator, { provinceCode: 'lao-cai' }, query({}), 'ACCESS_DENIED'],
  ['… nor its certificate', 'certificates.detail', sonLaCoordinator, aProduct, undefined, 'ACCESS_DENIED'],
  ['the central office sees a product of any province', 'products.detail', central, aProduct, undefined, 'allowed'],
  ['… a certificate', 'certificates.document', central, aProduct, undefined, 'allowed'],
  ['… a province’s progress', 'cycles.progress', central, { provinceCode: '14' }, query({}), 'allowed'],
  ['… the national view', 'national.overview', central, undefined, undefined, 'allowed'],
  [
    'a provincial coordinator does not see the national view',
    'national.overview',
    laoCaiCoordinator,
    undefined,
    undefined,
    'ACCESS_DENIED',
  ],
  ['the central office does not review ideas (a province’s step)', 'products.review', central, aProduct, undefined, 'ACCESS_DENIED'],
  ['… nor open cycles', 'cycles.open', central, undefined, body({ provinceCode: 'lao-cai' }), 'ACCESS_DENIED'],
  ['… nor record a province’s decision', 'certificates.recordDecision', central, aProduct, undefined, 'ACCESS_DENIED'],
  [
    'the central office opens a central session',
    'sessions.open',
    central,
    undefined,
    body({ level: 'central', areaCode: 'vn' }),
    'allowed',
  ],
  ['… not a province session', 'sessions.open', central, undefined, body({ level: 'province', areaCode: 'lao-cai' }), 'ACCESS_DENIED'],
  [
    '… enters products in a central session',
    'sessions.enterProduct',
    central,
    { provinceCode: 'vn', level: 'central' },
    undefined,
    'allowed',
  ],
  [
    '… not in a province session',
    'sessions.enterProduct',
    central,
    { provinceCode: 'lao-cai', level: 'province' },
    undefined,
    'ACCESS_DENIED',
  ],
  ['… but reads it', 'sessions.detail', central, { provinceCode: 'lao-cai', level: 'province' }, undefined, 'allowed'],
  ['… closes a central session', 'sessions.close', central, { provinceCode: 'vn', level: 'central' }, undefined, 'allowed'],
  // Holidays: the national schedule is the central office's; a province's own days are its coordinator's.
  ['the central office sets the national holidays', 'calendars.setHolidays', central, undefined, undefined, 'allowed'],
  ['a provincial coordinator does not', 'calendars.setHolidays', laoCaiCoordinator, undefined, undefined, 'ACCESS_DENIED'],
  [
    '… but sets its province’s own days',
    'calendars.setProvinceHolidays',
    laoCaiCoordinator,
    { provinceCode: 'lao-cai' },
    undefined,
    'allowed',
  ],
  ['… not another province’s', 'calendars.setProvinceHolidays', sonLaCoordinator, { provinceCode: 'lao-cai' }, undefined, 'ACCESS_DENIED'],
  [
    '… nor the central office a province’s',
    'calendars.setProvinceHolidays',
    central,
    { provinceCode: 'lao-cai' },
    undefined,
    'ACCESS_DENIED',
  ],
  ['an unknown province is not found', 'calendars.setProvinceHolidays', admin, undefined, undefined, 'NOT_FOUND'],
  [
    'a provincial coordinator does not run the national session',
    'sessions.enterProduct',
    laoCaiCoordinator,
    { provinceCode: 'vn', level: 'central' },
    undefined,
    'ACCESS_DENIED',
  ],
];

describe('the access policy', () => {
  it.each(CASES)('%s (%s)', (_case, operation, user, placement, input, expected) => {
    const refusal = decide(user, POLICY[operation], {
      resourceId: 'x',
      ...(placement === null ? {} : { placement }),
      ...(input ? { input } : {}),
    });
    expect(refusal?.code ?? 'allowed').toBe(expected);
  });

  it('names the field an input rule refuses', () => {
    expect(decide(producer, POLICY['products.submitIdea'], { input: body({ organisationId: OTHER_ORG }) })?.details).toMatchObject({
      field: 'organisationId',
    });
    expect(
      decide(laoCaiCoordinator, POLICY['cycles.open'], { input: body({ provinceCode: 'lao-cai', dayLengthMs: 5 }) })?.details,
    ).toMatchObject({ field: 'dayLengthMs' });
  });

  it('gives every rule an explanation and at least one role, and every resource rule its params', () => {
    for (const [operation, rule] of Object.entries(POLICY) as [string, AccessRule][]) {
      expect([operation, rule.rule.length > 0, rule.roles.length > 0, rule.resource?.params.length ?? 1]).toEqual([
        operation,
        true,
        true,
        expect.any(Number),
      ]);
      expect(rule.resource?.params.length ?? 1).toBeGreaterThan(0);
    }
  });
});

describe('scopeOf', () => {
  it.each([
    ['admin', admin, {}],
    ['producer', producer, { organisationId: ORG }],
    ['producer without an organisation', who('producer'), { organisationId: '-' }],
    ['district coordinator', bacHaCoordinator, { districtCode: 'bac-ha' }],
    ['commune officer', baoNhaiOfficer, { communeCode: '02890' }],
    ['commune officer without a commune', who('commune_officer'), { communeCode: '-' }],
    ['provincial coordinator', laoCaiCoordinator, { provinceCode: 'lao-cai' }],
    ['council member', member, { memberId: member.userId }],
    ['lab', lab, { agencyId: 'lab:lao-cai' }],
    ['inspector without an agency', who('inspector'), { agencyId: '-' }],
    ['central office', central, {}],
  ] as const)('%s', (_case, user, expected) => {
    expect(scopeOf(user)).toEqual(expected);
  });
});

describe('scopeInProvince (the register’s province filter)', () => {
  it.each([
    ['central office, any province', central, '14', { provinceCode: '14' }],
    ['central office, no filter', central, undefined, {}],
    ['a provincial coordinator, its own', laoCaiCoordinator, 'lao-cai', { provinceCode: 'lao-cai' }],
    ['a provincial coordinator, another: nothing', laoCaiCoordinator, '14', { provinceCode: '-' }],
    ['a producer, narrowed further', producer, 'lao-cai', { organisationId: ORG, provinceCode: 'lao-cai' }],
  ] as const)('%s', (_case, user, province, expected) => {
    expect(scopeInProvince(scopeOf(user), province)).toEqual(expected);
  });
});

describe('mayRegisterIn', () => {
  const bacHa = { code: 'bac-ha', provinceCode: 'lao-cai' };
  const elsewhere = { code: 'dong-van', provinceCode: 'ha-giang' };
  it.each([
    ['admin, anywhere', { role: 'admin' }, elsewhere, true],
    ['provincial coordinator, a district of its province', { role: 'provincial_coordinator', provinceCode: 'lao-cai' }, bacHa, true],
    ['provincial coordinator, another province', { role: 'provincial_coordinator', provinceCode: 'lao-cai' }, elsewhere, false],
    ['district coordinator, its district', { role: 'district_coordinator', districtCode: 'bac-ha', provinceCode: 'lao-cai' }, bacHa, true],
    [
      'district coordinator, another district of the province',
      { role: 'district_coordinator', districtCode: 'bat-xat', provinceCode: 'lao-cai' },
      bacHa,
      false,
    ],
    ['district coordinator without a district', { role: 'district_coordinator' }, bacHa, false],
    ['producer', { role: 'producer', provinceCode: 'lao-cai' }, bacHa, false],
    ['inspector', { role: 'inspector' }, bacHa, false],
  ] as const)('%s → %s', (_case, user, district, expected) => {
    expect(mayRegisterIn(user, district)).toBe(expected);
  });
});

describe('mayOpenSession', () => {
  const user = (role: UserRecord['role'], binding: Partial<Pick<UserRecord, 'districtCode' | 'provinceCode'>> = {}) => ({
    role,
    ...binding,
  });
  const bacHa: SessionArea = { level: 'district', areaCode: 'bac-ha', provinceCode: 'lao-cai' };
  const batXat: SessionArea = { level: 'district', areaCode: 'bat-xat', provinceCode: 'lao-cai' };
  const laoCai: SessionArea = { level: 'province', areaCode: 'lao-cai', provinceCode: 'lao-cai' };
  const central: SessionArea = { level: 'central', areaCode: 'vn', provinceCode: 'lao-cai' };
  const bacHaCoordinator = user('district_coordinator', { districtCode: 'bac-ha', provinceCode: 'lao-cai' });
  const laoCaiCoordinator = user('provincial_coordinator', { provinceCode: 'lao-cai' });
  const otherProvince = user('provincial_coordinator', { provinceCode: 'ha-giang' });

  it.each([
    ['district coordinator, own district', bacHaCoordinator, bacHa, true],
    ['district coordinator, another district', bacHaCoordinator, batXat, false],
    ['district coordinator, its province', bacHaCoordinator, laoCai, false],
    ['district coordinator, central', bacHaCoordinator, central, false],
    ['district coordinator without a district', user('district_coordinator'), bacHa, false],
    ['provincial coordinator, its province', laoCaiCoordinator, laoCai, true],
    ['provincial coordinator, a district within it', laoCaiCoordinator, batXat, true],
    ['provincial coordinator, central', laoCaiCoordinator, central, false],
    ['provincial coordinator of another province', otherProvince, laoCai, false],
    ['provincial coordinator of another province, a district here', otherProvince, bacHa, false],
    ['admin, central', user('admin'), central, true],
    ['central office, central', user('central_coordinator'), central, true],
    ['central office, a province', user('central_coordinator'), laoCai, false],
    ['central office, a district', user('central_coordinator'), bacHa, false],
    ['admin, a district', user('admin'), bacHa, true],
    ['council member', user('council_member'), bacHa, false],
    ['producer', user('producer', { provinceCode: 'lao-cai' }), laoCai, false],
    ['lab', user('lab'), laoCai, false],
  ] as const)('%s → %s', (_, who, area, expected) => {
    expect(mayOpenSession(who, area)).toBe(expected);
  });
});
