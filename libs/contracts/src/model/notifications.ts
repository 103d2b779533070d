/** A notification a workflow asks for; stored in the outbox in the same transaction as its event. */
export interface NotificationRequest {
  /** `<workflowId>:<purpose>:<dueDate>` — the same notification is never stored (nor sent) twice. */
  readonly idempotencyKey: string;
  readonly channel: 'email' | 'webhook' | 'inbox';
  /** email address, webhook URL, or user/group id for the in-app inbox */
  readonly recipient: string;
  readonly template:
    | 'deadline-reminder'
    | 'deadline-missed'
    | 'idea-reviewed'
    | 'lab-test-requested'
    | 'lab-test-result'
    | 'session-scheduled'
    | 'product-scored'
    | 'certificate-issued'
    | 'inspection-requested'
    | 'inspection-failed'
    | 'certificate-revoked'
    | 're-evaluation-reminder'
    | 'certificate-expired'
    | 'cycle-window-closing';
  readonly data: Record<string, unknown>;
}

/**
 * The idempotency key of a notice: the workflow that asks for it, what it is for, and what makes it unique
 * (a due date, an attempt, a round), so the same notice is stored once however often its step is retried.
 */
export const noticeKey = (workflowId: string, purpose: string, ...unique: readonly (string | number)[]): string =>
  [workflowId, purpose, ...unique].join(':');

/** What an inbox message is: a reminder of a deadline, a deadline missed, a result, a request to act, … */
export const NOTIFICATION_KINDS = ['reminder', 'missed', 'result', 'request', 'schedule', 'certificate', 'account'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The item a message concerns. */
export const NOTIFICATION_SUBJECTS = ['product', 'session', 'lab_request', 'certificate', 'cycle', 'account'] as const;
export type NotificationSubjectType = (typeof NOTIFICATION_SUBJECTS)[number];
export interface NotificationSubject {
  readonly type: NotificationSubjectType;
  readonly id: string;
  /** A product's cycle (products are per cycle). */
  readonly cycleYear?: number;
}

/** What a client shows and opens for a message: its kind, the item it is about and the web app's route to it. */
export interface NoticeAbout {
  readonly kind: NotificationKind;
  readonly about: NotificationSubject | null;
  /** The web app's page for the item (a path from the site's root, e.g. /app/products/<id>), when there is one. */
  readonly link: string | null;
}

const KIND_OF: Record<NotificationRequest['template'] | 'account-locked', NotificationKind> = {
  'deadline-reminder': 'reminder',
  're-evaluation-reminder': 'reminder',
  'cycle-window-closing': 'reminder',
  'deadline-missed': 'missed',
  'idea-reviewed': 'result',
  'lab-test-result': 'result',
  'product-scored': 'result',
  'inspection-failed': 'result',
  'lab-test-requested': 'request',
  'inspection-requested': 'request',
  'session-scheduled': 'schedule',
  'certificate-issued': 'certificate',
  'certificate-revoked': 'certificate',
  'certificate-expired': 'certificate',
  'account-locked': 'account',
};

const WEB_APP = '/app';
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * A message's kind, item and link, from what the outbox stored for it: the template, its data and the message id
 * (the notice key: the asking workflow's id first — product:<id>:<year>, session:<id>, certificate:<no>,
 * cycle:<province>:<year> — then the purpose). Agencies open their queues (a lab its requests for the product, an
 * inspector its inspections); everyone else the item's page.
 */
export function describeNotice(messageId: string, template: string | null, data: Record<string, unknown> | null): NoticeAbout {
  const kind = (template && KIND_OF[template as keyof typeof KIND_OF]) || kindFromKey(messageId);
  const fields = data ?? {};
  const [prefix, first, second, purpose = ''] = messageId.split(':');
  const certificateNo = text(fields['certificateNo']);
  if (prefix === 'product' && first) {
    const cycleYear = Number(second);
    const product: NotificationSubject = { type: 'product', id: first, ...(Number.isInteger(cycleYear) ? { cycleYear } : {}) };
    if (template === 'lab-test-requested' || purpose.startsWith('lab-reminder') || purpose === 'lab-test-requested') {
      const requestId = text(fields['requestId']);
      return {
        kind,
        about: requestId ? { type: 'lab_request', id: requestId } : product,
        link: `${WEB_APP}/lab?product=${encodeURIComponent(first)}`,
      };
    }
    if (template === 'certificate-issued' && certificateNo)
      return { kind, about: { type: 'certificate', id: certificateNo }, link: `${WEB_APP}/verify/${encodeURIComponent(certificateNo)}` };
    return { kind, about: product, link: `${WEB_APP}/products/${encodeURIComponent(first)}` };
  }
  if (prefix === 'session' && first)
    return { kind, about: { type: 'session', id: first }, link: `${WEB_APP}/sessions/${encodeURIComponent(first)}` };
  if (prefix === 'certificate' && first) {
    const about: NotificationSubject = { type: 'certificate', id: first };
    if (template === 'inspection-requested') return { kind, about, link: `${WEB_APP}/inspections` };
    return { kind, about, link: `${WEB_APP}/verify/${encodeURIComponent(first)}` };
  }
  if (prefix === 'cycle' && first && second)
    return { kind, about: { type: 'cycle', id: `${first}/${second}` }, link: `${WEB_APP}/workspace` };
  if (prefix === 'account-locked' && first) return { kind, about: { type: 'account', id: first }, link: null };
  return { kind, about: null, link: null };
}

function kindFromKey(messageId: string): NotificationKind {
  if (/reminder/.test(messageId)) return 'reminder';
  if (/escalated|withdrawn|missed|expired/.test(messageId)) return 'missed';
  if (/session-scheduled/.test(messageId)) return 'schedule';
  if (/certificate-issued|revoked/.test(messageId)) return 'certificate';
  if (/requested/.test(messageId)) return 'request';
  return 'result';
}
