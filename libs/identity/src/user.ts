import {
  actorLabel,
  agencyInbox,
  districtCoordinatorsInbox,
  organisationInbox,
  provinceCoordinatorsInbox,
  provinceProducersInbox,
  userInbox,
  type Actor,
  type Role,
} from '@ocop/contracts';

/** Roles a person or agency can hold (`system` is the engine itself, never a login). */
export const USER_ROLES = [
  'producer',
  'district_coordinator',
  /** QĐ 1489/2025: the OCOP officer of a commune (2025 map), who checks its producers' dossiers. */
  'commune_officer',
  'provincial_coordinator',
  /** The central office (Văn phòng Điều phối nông thôn mới Trung ương): sees every province, runs the central council. */
  'central_coordinator',
  'council_member',
  'lab',
  'inspector',
  'admin',
] as const satisfies readonly Role[];
export type UserRole = (typeof USER_ROLES)[number];

export interface UserRecord {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: UserRole;
  readonly organisationId?: string;
  readonly districtCode?: string;
  readonly provinceCode?: string;
  /** commune officer: its commune (GSO code, 2025 map); its province is the commune's. */
  readonly communeCode?: string;
  readonly agencyId?: string;
  readonly email?: string;
  readonly disabled: boolean;
  /** When the user was last disabled: tokens issued before it are refused for good. */
  readonly tokensRevokedAt?: string;
  readonly createdAt: string;
}

/** The authenticated caller of a request: the user and how it proved who it is. */
export interface AuthUser extends UserRecord {
  readonly via: 'token' | 'api_key';
}

/** The actor a workflow update carries for this user. */
export function actorOf(user: UserRecord): Actor {
  return {
    userId: user.userId,
    role: user.role,
    ...(user.organisationId ? { organisationId: user.organisationId } : {}),
    ...(user.districtCode ? { districtCode: user.districtCode } : {}),
    ...(user.provinceCode ? { provinceCode: user.provinceCode } : {}),
    ...(user.communeCode ? { communeCode: user.communeCode } : {}),
    ...(user.agencyId ? { agencyId: user.agencyId } : {}),
  };
}

/** How the user is written in the event log (`role:userId`), the same label workflows use. */
export const actorLabelOf = (user: Pick<UserRecord, 'role' | 'userId'>): string => actorLabel(user);

/**
 * The in-app inbox recipients a user reads: its own, and those of what it is bound to (the addresses the
 * workflows send to, libs/contracts inboxes.ts). A provincial coordinator also reads `province:<code>` and an
 * agency its bare id: addresses of notices stored before the inbox helpers existed.
 */
export function inboxRecipientsOf(user: UserRecord): string[] {
  const recipients = [userInbox(user.userId)];
  if (user.role === 'producer' && user.organisationId) recipients.push(organisationInbox(user.organisationId));
  if (user.role === 'producer' && user.provinceCode) recipients.push(provinceProducersInbox(user.provinceCode));
  if (user.role === 'district_coordinator' && user.districtCode) recipients.push(districtCoordinatorsInbox(user.districtCode));
  if (user.role === 'provincial_coordinator' && user.provinceCode)
    recipients.push(provinceCoordinatorsInbox(user.provinceCode), `province:${user.provinceCode}`);
  if ((user.role === 'lab' || user.role === 'inspector') && user.agencyId) recipients.push(agencyInbox(user.agencyId), user.agencyId);
  return recipients;
}
