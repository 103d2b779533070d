// Who acts. Every update carries its actor; validators check the role and the binding (organisation,
// district, session membership, agency) and every recorded event names the actor.

export type Role =
  | 'producer'
  | 'district_coordinator'
  /** QĐ 1489/2025: the commune's OCOP officer, who checks its producers' dossiers. */
  | 'commune_officer'
  | 'provincial_coordinator'
  | 'central_coordinator'
  | 'council_member'
  | 'lab'
  | 'inspector'
  | 'admin'
  | 'system';

export interface Actor {
  readonly userId: string;
  readonly role: Role;
  /** producer: the organisation it acts for. */
  readonly organisationId?: string;
  /** district coordinator: its district; provincial coordinator: its province. */
  readonly districtCode?: string;
  readonly provinceCode?: string;
  /** commune officer: its commune (a GSO code of the 2025 map). */
  readonly communeCode?: string;
  /** lab / inspector: the agency it belongs to. */
  readonly agencyId?: string;
}

/** How an actor is written into the event log. */
export const actorLabel = (actor: Actor): string => `${actor.role}:${actor.userId}`;

export const SYSTEM_ACTOR: Actor = { userId: 'ocop-flow', role: 'system' };
