import { OcopError, type ErrorCode } from '@ocop/domain';
import { findOcopDistrict, findOcopProvince } from '@ocop/admin-map';
import { inboxRecipientsOf, USER_ROLES, type AuthUser, type UserRecord, type UserRole } from '@ocop/identity';
import { isAreaProblem, resolveSessionArea, SESSION_LEVELS, type SessionArea } from '../sessions/session-rules';

// Every access rule of the API, in one table: who may call each operation (roles), what the caller must be bound to
// (the resource the route's parameters name, placed by AccessRepository from the read models), and what the caller
// may ask for in the request itself (input rules). AccessGuard enforces the table before validation runs; services
// hold no access checks. Lists are narrowed by `scopeOf`. Everything here is pure: unit-tested as tables.

/** What a route's resource is. */
export type ResourceKind =
  | 'product'
  | 'organisation'
  | 'session'
  | 'sessionRun'
  | 'labRequest'
  | 'inspection'
  | 'certificate'
  | 'cycle'
  | 'province'
  | 'notification';

/** Where a resource sits: what a caller must be bound to. */
export interface Placement {
  readonly organisationId?: string | null;
  readonly districtCode?: string | null;
  readonly provinceCode?: string | null;
  /** The commune (2025 map) of a product or organisation. */
  readonly communeCode?: string | null;
  /** A session's level (district, province, central). */
  readonly level?: string | null;
  /** Council members who sit on the session (for sessions, and for products entered in one of theirs). */
  readonly memberIds?: readonly string[];
  /** Agencies (lab, inspector) a request or inspection is addressed to. */
  readonly agencyIds?: readonly string[];
  /** Inbox recipient (notifications). */
  readonly recipient?: string;
}

/** The request as an input rule sees it: the raw body and query, before validation (rules defer what they cannot read). */
export interface RequestInput {
  readonly body: unknown;
  readonly query: unknown;
}

/** An input rule: the denial's details when the caller may not ask for this, else undefined. */
export type InputRule = (user: AuthUser, input: RequestInput) => Record<string, unknown> | undefined;

export interface AccessRule {
  /** Roles that may call the route at all. */
  readonly roles: readonly UserRole[];
  /** The resource the caller must be bound to, and the route params that name it (in the placement's order). */
  readonly resource?: { readonly kind: ResourceKind; readonly params: readonly string[] };
  /** What the caller may ask for in the body or query. */
  readonly input?: InputRule;
  /** The rule in words, for the OpenAPI description. */
  readonly rule: string;
}

type Binding = Pick<UserRecord, 'role' | 'districtCode' | 'provinceCode'>;

/**
 * Whether the caller is bound to where the resource sits. Admins are bound everywhere; so is the central office for
 * what it may read (it sees every province; the roles of each operation keep it from a province's steps).
 */
export function boundTo(user: AuthUser, at: Placement): boolean {
  switch (user.role) {
    case 'admin':
    case 'central_coordinator':
      return true;
    case 'producer':
      return !!at.organisationId && at.organisationId === user.organisationId;
    case 'district_coordinator':
      return !!at.districtCode && at.districtCode === user.districtCode;
    case 'commune_officer':
      return !!at.communeCode && at.communeCode === user.communeCode;
    case 'provincial_coordinator':
      return !!at.provinceCode && at.provinceCode === user.provinceCode;
    case 'council_member':
      return at.memberIds?.includes(user.userId) ?? false;
    case 'lab':
    case 'inspector':
      return !!user.agencyId && (at.agencyIds?.includes(user.agencyId) ?? false);
  }
}

/** How each kind of resource binds its callers, and what a caller who may not see it is told. */
const RESOURCES: Record<
  ResourceKind,
  { readonly notFound: ErrorCode; readonly binds: (user: AuthUser, at: Placement) => boolean; readonly hidden?: boolean }
> = {
  product: { notFound: 'PRODUCT_NOT_FOUND', binds: boundTo },
  organisation: { notFound: 'NOT_FOUND', binds: boundTo },
  session: { notFound: 'NOT_FOUND', binds: boundTo },
  // A session the caller runs (enters products, closes): the central office runs central sessions only.
  sessionRun: {
    notFound: 'NOT_FOUND',
    binds: (user, at) => (user.role === 'central_coordinator' ? at.level === 'central' : boundTo(user, at)),
  },
  labRequest: { notFound: 'NOT_FOUND', binds: boundTo },
  inspection: { notFound: 'NOT_FOUND', binds: boundTo },
  certificate: { notFound: 'NOT_FOUND', binds: boundTo },
  // A province's cycle (calendar, progress) is visible to everyone bound to the province.
  cycle: {
    notFound: 'NOT_FOUND',
    binds: (user, at) =>
      user.role === 'admin' || user.role === 'central_coordinator' || (!!user.provinceCode && user.provinceCode === at.provinceCode),
  },
  // A province's own records (its holiday layer): its provincial coordinator; admin.
  province: { notFound: 'NOT_FOUND', binds: boundTo },
  // Someone else's notification does not exist for the caller.
  notification: {
    notFound: 'NOT_FOUND',
    binds: (user, at) => !!at.recipient && inboxRecipientsOf(user).includes(at.recipient),
    hidden: true,
  },
};

/** Whether the caller may register an organisation in the district: its own district, its own province, or admin. */
export function mayRegisterIn(user: Binding, district: { code: string; provinceCode: string }): boolean {
  switch (user.role) {
    case 'admin':
      return true;
    case 'provincial_coordinator':
      return !!user.provinceCode && user.provinceCode === district.provinceCode;
    case 'district_coordinator':
      return !!user.districtCode && user.districtCode === district.code;
    default:
      return false;
  }
}

/**
 * Who may open a session: a district coordinator a district session of its own district; a provincial coordinator
 * a province session of its province or a district session within it; the central office a central session; an
 * admin any session.
 */
export function mayOpenSession(user: Binding, area: SessionArea): boolean {
  switch (user.role) {
    case 'admin':
      return true;
    case 'district_coordinator':
      return area.level === 'district' && !!user.districtCode && area.areaCode === user.districtCode;
    case 'provincial_coordinator':
      return (area.level === 'province' || area.level === 'district') && !!user.provinceCode && area.provinceCode === user.provinceCode;
    case 'central_coordinator':
      return area.level === 'central';
    default:
      return false;
  }
}

// Input rules read the raw request: what they cannot place (a missing or malformed field, an unknown code) they
// leave to validation, which answers it with a 400/422 naming the field.
const fieldOf = (value: unknown, field: string): unknown =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>)[field] : undefined;
const stringField = (value: unknown, field: string): string | undefined => {
  const found = fieldOf(value, field);
  return typeof found === 'string' ? found : undefined;
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const ownOrganisation: InputRule = (user, { body }) => {
  const organisationId = stringField(body, 'organisationId');
  if (user.role !== 'producer' || !organisationId || !UUID.test(organisationId) || organisationId === user.organisationId) return undefined;
  return { field: 'organisationId', rule: 'a producer submits ideas for its own organisation' };
};

const registersInOwnArea: InputRule = (user, { body }) => {
  const districtCode = stringField(body, 'districtCode');
  const district = districtCode ? findOcopDistrict(districtCode) : undefined;
  if (!district || mayRegisterIn(user, district)) return undefined;
  return {
    field: 'districtCode',
    value: districtCode,
    rule: 'district coordinators register in their district, provincial coordinators in their province',
    role: user.role,
  };
};

/** An organisation's commune decides whose commune officer checks its dossiers: its coordinators place it, not its producer. */
const coordinatorsPlace: InputRule = (user, { body }) =>
  user.role === 'producer' && fieldOf(body, 'communeCode') !== undefined
    ? { field: 'communeCode', rule: 'coordinators of its area place an organisation in a commune', role: user.role }
    : undefined;

const opensSessionInOwnArea: InputRule = (user, { body }) => {
  const level = stringField(body, 'level');
  const areaCode = stringField(body, 'areaCode');
  const provinceCode = fieldOf(body, 'provinceCode');
  if (!level || !(SESSION_LEVELS as readonly string[]).includes(level) || areaCode === undefined) return undefined;
  if (provinceCode !== undefined && (level !== 'central' || typeof provinceCode !== 'string')) return undefined;
  const area = resolveSessionArea(level as SessionArea['level'], areaCode, provinceCode);
  if (isAreaProblem(area) || mayOpenSession(user, area)) return undefined;
  return {
    role: user.role,
    rule: 'district coordinator: district sessions of its district; provincial coordinator: province sessions of its province and district sessions within it; central coordinator: central sessions; admin: any',
  };
};

const opensCycleOfOwnProvince: InputRule = (user, { body }) => {
  const provinceCode = stringField(body, 'provinceCode');
  if (user.role !== 'admin' && provinceCode && findOcopProvince(provinceCode) && user.provinceCode !== provinceCode) {
    return { field: 'provinceCode', rule: 'a provincial coordinator opens cycles of its own province only', role: user.role };
  }
  if (user.role !== 'admin' && fieldOf(body, 'dayLengthMs') !== undefined) {
    return { field: 'dayLengthMs', rule: 'admin only (compressed days are for demos)', role: user.role };
  }
  return undefined;
};

const progressOfOwnDistrict: InputRule = (user, { query }) => {
  const district = fieldOf(query, 'district');
  if (user.role !== 'district_coordinator' || district === undefined || district === user.districtCode) return undefined;
  return { field: 'district', rule: 'a district coordinator sees its own district only', role: user.role };
};

const PRODUCT = { kind: 'product', params: ['id'] } as const;
const SESSION = { kind: 'session', params: ['id'] } as const;
const SESSION_RUN = { kind: 'sessionRun', params: ['id'] } as const;
const CYCLE = { kind: 'cycle', params: ['province', 'year'] } as const;
const LAB_REQUEST = { kind: 'labRequest', params: ['id'] } as const;
const CERTIFICATE = { kind: 'certificate', params: ['no'] } as const;
const COORDINATORS = ['district_coordinator', 'provincial_coordinator', 'admin'] as const;
const SESSION_READERS = ['council_member', 'district_coordinator', 'provincial_coordinator', 'central_coordinator', 'admin'] as const;
const ORGANISATION_READERS = [
  'producer',
  'district_coordinator',
  'commune_officer',
  'provincial_coordinator',
  'central_coordinator',
  'admin',
] as const;
/** The central office and admin: every province. */
const NATIONAL = ['central_coordinator', 'admin'] as const;
const ADMIN: AccessRule = { roles: ['admin'], rule: 'admin only' };
const PRODUCT_STEP_OF_PRODUCER: AccessRule = {
  roles: ['producer', 'admin'],
  resource: PRODUCT,
  rule: 'the producer of the product (its organisation); admin',
};
const CERTIFICATE_VIEW: AccessRule = {
  roles: ['producer', 'district_coordinator', 'provincial_coordinator', 'central_coordinator', 'inspector', 'admin'],
  resource: CERTIFICATE,
  rule: 'the producer of the certified product; coordinators of its district or province; the central office; the inspection agency assigned to it; admin',
};
const PRODUCT_VIEW: AccessRule = {
  roles: [
    'producer',
    'district_coordinator',
    'commune_officer',
    'provincial_coordinator',
    'central_coordinator',
    'council_member',
    'lab',
    'inspector',
    'admin',
  ],
  resource: PRODUCT,
  rule: 'the producer of the product; coordinators of its district or province; the officer of its commune; the central office; council members of a session it was entered in; the lab it was sent to; the inspector of its certificate; admin',
};

/** The policy: every operation the API offers to authenticated callers, by name (`@Access('<name>')` on the route). */
export const POLICY = {
  'auth.me': { roles: USER_ROLES, rule: 'any authenticated user' },

  'users.create': ADMIN,
  'users.list': ADMIN,
  'users.rebind': ADMIN,
  // As every other change to users: admin only (provincial coordinators manage no users).
  'users.disable': ADMIN,
  'users.enable': ADMIN,
  'calendars.holidays': { roles: USER_ROLES, rule: 'any signed-in user' },
  'calendars.setHolidays': { roles: NATIONAL, rule: 'the central office (the national schedule every province counts with); admin' },
  'calendars.setProvinceHolidays': {
    roles: ['provincial_coordinator', 'admin'],
    resource: { kind: 'province', params: ['province'] },
    rule: 'the provincial coordinator of the province (its own days over the national schedule); admin',
  },
  'users.councilMembers': {
    roles: ['district_coordinator', 'provincial_coordinator', 'central_coordinator', 'admin'],
    rule: 'coordinators (who set up council sessions), the central office and admin',
  },
  'apiKeys.issue': ADMIN,
  'apiKeys.list': ADMIN,
  'apiKeys.revoke': ADMIN,

  'organisations.register': {
    roles: COORDINATORS,
    input: registersInOwnArea,
    rule: 'a district coordinator in its own district; a provincial coordinator in a district of its province; admin',
  },
  'organisations.list': {
    roles: ORGANISATION_READERS,
    rule: 'a producer sees its own organisation, a district coordinator its district’s, a commune officer its commune’s, a provincial coordinator its province’s; the central office and admin all (filter: province)',
  },
  'organisations.detail': {
    roles: ORGANISATION_READERS,
    resource: { kind: 'organisation', params: ['id'] },
    rule: 'the organisation’s own producer; coordinators of its district or province; the officer of its commune; the central office; admin',
  },
  'organisations.changeContact': {
    // Not the central office: it reads every province's organisations but keeps none of their records.
    roles: ['producer', 'district_coordinator', 'provincial_coordinator', 'admin'],
    resource: { kind: 'organisation', params: ['id'] },
    input: coordinatorsPlace,
    rule: 'the organisation’s own producer (its own contact details, not its commune); coordinators of its district or province; admin',
  },

  'organisations.openLateEntry': {
    roles: COORDINATORS,
    resource: { kind: 'organisation', params: ['id'] },
    rule: 'a coordinator of the organisation’s district or province; admin',
  },

  'products.submitIdea': { roles: ['producer', 'admin'], input: ownOrganisation, rule: 'a producer, for its own organisation; admin' },
  'products.list': {
    roles: ['producer', 'district_coordinator', 'commune_officer', 'provincial_coordinator', 'central_coordinator', 'admin'],
    rule: 'producers see their organisation’s products, district coordinators their district’s, commune officers their commune’s, provincial coordinators their province’s; the central office and admin all (filter: province)',
  },
  'products.detail': PRODUCT_VIEW,
  'products.timeline': PRODUCT_VIEW,
  'products.review': { roles: COORDINATORS, resource: PRODUCT, rule: 'a coordinator of the product’s district or province; admin' },
  'products.revise': PRODUCT_STEP_OF_PRODUCER,
  'products.businessPlan': PRODUCT_STEP_OF_PRODUCER,
  'products.dossier': PRODUCT_STEP_OF_PRODUCER,
  'products.dossierCheck': {
    roles: ['commune_officer', 'district_coordinator', 'provincial_coordinator', 'admin'],
    resource: PRODUCT,
    rule: 'the commune-level dossier check (QĐ 1489): the officer of the product’s commune; a coordinator of its province; the coordinator of its district when it has no commune (the journey checks this); admin',
  },
  'products.withdraw': PRODUCT_STEP_OF_PRODUCER,

  'cycles.open': {
    roles: ['provincial_coordinator', 'admin'],
    input: opensCycleOfOwnProvince,
    rule: 'a provincial coordinator, for its own province; admin (only admin may compress days with dayLengthMs)',
  },
  'cycles.list': {
    roles: ['producer', 'district_coordinator', 'commune_officer', 'provincial_coordinator', 'central_coordinator', 'admin'],
    rule: 'the cycles of the caller’s province; the central office and admin all',
  },
  'cycles.detail': {
    roles: ['producer', 'district_coordinator', 'commune_officer', 'provincial_coordinator', 'central_coordinator', 'admin'],
    resource: CYCLE,
    rule: 'anyone bound to the province (its producers, district and provincial coordinators, commune officers); the central office; admin',
  },
  'cycles.progress': {
    roles: [...COORDINATORS, 'central_coordinator'],
    resource: CYCLE,
    input: progressOfOwnDistrict,
    rule: 'provincial coordinators of the province; district coordinators of the province (their own district’s numbers only); the central office; admin',
  },
  'cycles.moveDate': {
    roles: ['provincial_coordinator', 'admin'],
    resource: CYCLE,
    rule: 'provincial coordinators of the province; admin',
  },

  'sessions.open': {
    roles: [...COORDINATORS, 'central_coordinator'],
    input: opensSessionInOwnArea,
    rule: 'district coordinator: a district session of its own district; provincial coordinator: a province session of its province or a district session within it; central coordinator: a central session; admin: any session',
  },
  'sessions.list': {
    roles: SESSION_READERS,
    rule: 'council member: the sessions it sits on; district coordinator: district sessions of its district; provincial coordinator: the sessions of its province; the central office and admin: all',
  },
  'sessions.detail': {
    roles: SESSION_READERS,
    resource: SESSION,
    rule: 'a member of the session, a coordinator of its area (district coordinator: district sessions of its district; provincial: its province), the central office, or admin',
  },
  'sessions.products': {
    roles: SESSION_READERS,
    resource: SESSION,
    rule: 'a member of the session, a coordinator of its area, the central office, or admin',
  },
  'sessions.enterProduct': {
    roles: [...COORDINATORS, 'central_coordinator'],
    resource: SESSION_RUN,
    rule: 'a coordinator of the session’s area (the district coordinator of a district session’s district, the provincial coordinator of a province session’s province or of a central session held for its province); the central office for central sessions; admin',
  },
  'sessions.submitScorecard': {
    roles: ['council_member', 'admin'],
    resource: SESSION,
    rule: 'a council member sitting on the session, for its own scorecard (submitting again revises it); an admin passes this check but is not on the council, so the session refuses it (NOT_A_MEMBER)',
  },
  'sessions.close': {
    roles: SESSION_READERS,
    resource: SESSION_RUN,
    rule: 'the chair of the session, a coordinator of its area, the central office (central sessions), or admin',
  },

  'labRequests.list': { roles: ['lab', 'admin'], rule: 'lab: the requests addressed to its agency; admin: all' },
  'labRequests.detail': { roles: ['lab', 'admin'], resource: LAB_REQUEST, rule: 'the lab the request is addressed to, or admin' },
  'labRequests.submitResults': {
    roles: ['lab', 'admin'],
    resource: LAB_REQUEST,
    rule: 'the lab the request is addressed to (the journey accepts results from that lab only), or admin',
  },

  'inspections.list': { roles: ['inspector', 'admin'], rule: 'inspector: the inspections assigned to its agency; admin: all' },
  'inspections.report': {
    roles: ['inspector', 'admin'],
    resource: { kind: 'inspection', params: ['certificateNo'] },
    rule: 'the inspection agency assigned to the certificate (the lifecycle accepts reports from that agency only), or admin',
  },

  'certificates.list': {
    roles: ['producer', 'district_coordinator', 'provincial_coordinator', 'central_coordinator', 'inspector', 'admin'],
    rule: 'a producer sees its organisation’s certificates, coordinators their district’s or province’s, an inspector those assigned to its agency; the central office and admin all (filter: province)',
  },
  'certificates.detail': CERTIFICATE_VIEW,
  'certificates.document': CERTIFICATE_VIEW,
  'certificates.recordDecision': {
    roles: ['provincial_coordinator', 'admin'],
    resource: { kind: 'certificate', params: ['no'] },
    rule: 'the provincial coordinator of the certificate’s province (the province issues the decision); admin',
  },

  'documents.view': {
    roles: [
      'producer',
      'district_coordinator',
      'commune_officer',
      'provincial_coordinator',
      'central_coordinator',
      'council_member',
      'lab',
      'inspector',
      'admin',
    ],
    resource: { kind: 'product', params: ['id'] },
    rule: 'as the product: its producer; coordinators of its district or province; the officer of its commune; the central office; council members of a session it was entered in; the lab it was sent to; the inspector of its certificate; admin',
  },
  'documents.attach': {
    roles: ['producer', 'lab', 'inspector', 'admin'],
    resource: { kind: 'product', params: ['id'] },
    rule: 'its producer (business plan and dossier documents, until the dossier is submitted); the lab it was sent to (lab_report); the inspector of its certificate (inspection_minutes, inspection_photo); admin',
  },

  'reports.progress': {
    roles: ['district_coordinator', 'provincial_coordinator', 'central_coordinator', 'admin'],
    resource: { kind: 'cycle', params: ['province', 'year'] },
    rule: 'as the progress endpoint: provincial coordinators of the province; district coordinators of the province (their own district’s numbers only); the central office; admin',
  },
  'reports.session': {
    roles: SESSION_READERS,
    resource: { kind: 'session', params: ['id'] },
    rule: 'as the session: its members, coordinators of its area (district coordinator: district sessions of its district; provincial: its province); the central office; admin',
  },

  'national.overview': {
    roles: NATIONAL,
    rule: 'the central office and admin: every province',
  },

  'notifications.list': {
    roles: USER_ROLES,
    rule: 'any authenticated user: its own inboxes (its user, and what it is bound to: organisation, district, province, agency)',
  },
  'notifications.markRead': {
    roles: USER_ROLES,
    resource: { kind: 'notification', params: ['id'] },
    rule: 'any authenticated user, for a message in its own inboxes (someone else’s is not found)',
  },
} as const satisfies Record<string, AccessRule>;

export type Operation = keyof typeof POLICY;

/** The first check: may the caller's role call the operation at all (before anything is looked up). */
export function roleDenial(user: AuthUser, rule: AccessRule): OcopError | undefined {
  return rule.roles.includes(user.role)
    ? undefined
    : new OcopError('ACCESS_DENIED', { role: user.role, allowed: rule.roles, rule: rule.rule });
}

/**
 * The whole decision for one call: the role, then the caller's binding to the resource (`placement` as the read
 * models place it; undefined when there is no such resource), then what the request asks for. Undefined: allowed.
 */
export function decide(
  user: AuthUser,
  rule: AccessRule,
  facts: { readonly resourceId?: string; readonly placement?: Placement; readonly input?: RequestInput } = {},
): OcopError | undefined {
  const denied = roleDenial(user, rule);
  if (denied) return denied;
  if (rule.resource) {
    const { kind } = rule.resource;
    const resource = RESOURCES[kind];
    const id = facts.resourceId ?? '';
    if (!facts.placement) return new OcopError(resource.notFound, { resource: kind, id });
    if (!resource.binds(user, facts.placement))
      return resource.hidden
        ? new OcopError(resource.notFound, { resource: kind, id })
        : new OcopError('ACCESS_DENIED', { resource: kind, id, role: user.role });
  }
  const details = rule.input?.(user, facts.input ?? { body: undefined, query: undefined });
  return details ? new OcopError('ACCESS_DENIED', details) : undefined;
}

/** A list scope: the SQL conditions a caller's lists are filtered by (producers see only their organisation, …). */
export interface ListScope {
  readonly organisationId?: string;
  readonly districtCode?: string;
  readonly provinceCode?: string;
  readonly communeCode?: string;
  readonly memberId?: string;
  readonly agencyId?: string;
}

/** What the caller's lists hold: the same bindings as `boundTo` (an unbound caller gets '-', which matches nothing). */
export function scopeOf(user: AuthUser): ListScope {
  switch (user.role) {
    case 'admin':
    case 'central_coordinator':
      return {};
    case 'producer':
      return { organisationId: user.organisationId ?? '-' };
    case 'district_coordinator':
      return { districtCode: user.districtCode ?? '-' };
    case 'commune_officer':
      return { communeCode: user.communeCode ?? '-' };
    case 'provincial_coordinator':
      return { provinceCode: user.provinceCode ?? '-' };
    case 'council_member':
      return { memberId: user.userId };
    case 'lab':
    case 'inspector':
      return { agencyId: user.agencyId ?? '-' };
  }
}

/** The province whose cycles the caller lists (everyone bound to a province sees its cycles); undefined: all (admin, the central office). */
export function cycleProvinceOf(user: AuthUser): string | undefined {
  return user.role === 'admin' || user.role === 'central_coordinator' ? undefined : (user.provinceCode ?? '-');
}

/**
 * A list scope narrowed to one province (the register's province filter): the central office and admin pick any;
 * a caller bound to a province asking for another gets nothing ('-' matches no row).
 */
export function scopeInProvince(scope: ListScope, province: string | undefined): ListScope {
  if (province === undefined) return scope;
  return { ...scope, provinceCode: scope.provinceCode === undefined || scope.provinceCode === province ? province : '-' };
}
