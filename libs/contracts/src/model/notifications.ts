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
