// In-app inbox addresses: the workflows address notices to them, and a user reads those it is bound to
// (libs/identity inboxRecipientsOf). Written here once.

/** A producer organisation's inbox. */
export const organisationInbox = (organisationId: string): string => `org:${organisationId}`;
/** The coordinators of a district (or, under QĐ 1489, the commune-level authority bound to it). */
export const districtCoordinatorsInbox = (districtCode: string): string => `district:${districtCode}:coordinators`;
export const provinceCoordinatorsInbox = (provinceCode: string): string => `province:${provinceCode}:coordinators`;
/** Every producer of a province: the annual cycle's broadcast reminders. */
export const provinceProducersInbox = (provinceCode: string): string => `province:${provinceCode}:producers`;
/** One user, e.g. a council member told of a session. */
export const userInbox = (userId: string): string => `user:${userId}`;
/** A lab or an inspection agency, when it has no webhook. */
export const agencyInbox = (agencyId: string): string => `agency:${agencyId}`;
