// Domain events as stored in the event log. Types are past-tense facts; payloads are plain JSON.
// Conventions the projections rely on: every product-journey event carries the `stage` the journey is in after
// it; certificate events carry the certificate's `status`; session events carry the session's `status`.

export interface IdeaSubmittedPayload {
  readonly productId: string;
  readonly organisationId: string;
  readonly name: string;
  readonly productGroup: string;
  readonly districtCode: string;
  readonly provinceCode: string;
  /** The organisation's 2025 commune (the area of a commune cycle), when it has one. */
  readonly communeCode?: string;
  /** The certificate this journey re-evaluates. */
  readonly previousCertificateNo?: string;
  readonly cycleYear: number;
  readonly ruleSet: string;
  readonly workflowId: string;
  readonly stage?: string;
  readonly dueAt?: string;
}

export const JOURNEY_EVENT_TYPES = [
  'IdeaSubmitted',
  'IdeaAccepted',
  'IdeaRejected',
  'IdeaChangesRequested',
  'IdeaRevised',
  'BusinessPlanSubmitted',
  'DossierSubmitted',
  'DossierChecked',
  'EnteredSession',
  'LeftSession',
  'CommuneChecked',
  'DistrictScored',
  'ProvinceScored',
  'CentralScored',
  'NotQualified',
  'LabTestRequested',
  'LabTestPassed',
  'LabTestFailed',
  'ForwardedToLevel',
  'StarsRecognised',
  'CertificateIssued',
  'ProductWithdrawn',
  'DeadlineMissed',
  'CalendarChanged',
] as const;

export const SESSION_EVENT_TYPES = [
  'SessionOpened',
  'ProductEntered',
  'ScorecardSubmitted',
  'ScorecardRevised',
  'SessionClosed',
  'ProductScored',
] as const;

export const CERTIFICATE_EVENT_TYPES = [
  'InspectionRequested',
  'InspectionPassed',
  'InspectionFailed',
  'InspectionReportOverdue',
  'CertificateRevoked',
  'CertificateExpired',
  'CertificateSuperseded',
] as const;

export const CYCLE_EVENT_TYPES = ['CycleOpened', 'CycleDateMoved', 'LateEntryOpened'] as const;

/**
 * Facts the API establishes itself (no workflow): stream `organisation:<id>`, `user:<id>`, `inbox:<userId>`.
 * `OrganisationPlaced`: an organisation's commune (2025 map), and its old commune and district when it registered
 * before the reform (registration carries the same fields).
 */
export const ORGANISATION_EVENT_TYPES = ['OrganisationRegistered', 'OrganisationContactChanged', 'OrganisationPlaced'] as const;
export const ACCESS_EVENT_TYPES = [
  'UserCreated',
  'UserRebound',
  'UserDisabled',
  'UserEnabled',
  'ApiKeyIssued',
  'ApiKeyRevoked',
  'NotificationRead',
] as const;
/**
 * A year's national holidays as the central office set them (stream `calendar:holidays:<year>`), and a province's own
 * days over them (stream `calendar:holidays:<province>:<year>`); on each stream the latest event wins.
 */
export const CALENDAR_EVENT_TYPES = ['HolidayScheduleSet', 'ProvinceHolidaysSet'] as const;

/**
 * Documents (stream `documents:<productId>`): what was attached to a product and by whom — hash, name, type, size —
 * never the bytes; and the province's decision recognising a certificate (stream `certificate-decision:<no>`).
 */
export const DOCUMENT_EVENT_TYPES = ['DocumentUploaded', 'DocumentRemoved', 'CertificateDecisionRecorded'] as const;

/** Emitted by any workflow that sent a reminder: the fact that the reminder went out, at its exact time. */
export const SHARED_EVENT_TYPES = ['ReminderSent'] as const;

export type EventType =
  | (typeof JOURNEY_EVENT_TYPES)[number]
  | (typeof SESSION_EVENT_TYPES)[number]
  | (typeof CERTIFICATE_EVENT_TYPES)[number]
  | (typeof CYCLE_EVENT_TYPES)[number]
  | (typeof ORGANISATION_EVENT_TYPES)[number]
  | (typeof ACCESS_EVENT_TYPES)[number]
  | (typeof CALENDAR_EVENT_TYPES)[number]
  | (typeof DOCUMENT_EVENT_TYPES)[number]
  | (typeof SHARED_EVENT_TYPES)[number];

export type EventPayloads = { IdeaSubmitted: IdeaSubmittedPayload } & {
  [K in Exclude<EventType, 'IdeaSubmitted'>]: Record<string, unknown>;
};

/** An event as a workflow asks for it to be appended. */
export interface NewEvent<T extends EventType = EventType> {
  /** Derived deterministically by the workflow, so a retried activity appends nothing new. */
  readonly eventId: string;
  /** The stream is the entity's workflow: `product:<id>:<year>`, `session:<id>`, `certificate:<no>`, `cycle:<p>:<y>`. */
  readonly streamId: string;
  readonly streamSeq: number;
  readonly type: T;
  readonly payload: EventPayloads[T];
  readonly actor: string;
  readonly occurredAt: string;
}

/** An event as stored, with its global position in the log. */
export interface StoredEvent<T extends EventType = EventType> extends NewEvent<T> {
  readonly position: string;
  readonly recordedAt: string;
}
