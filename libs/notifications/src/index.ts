// Notification outbox, templates and dispatcher (email, agency webhooks, in-app inbox).
export * from './templates';
export * from './backoff';
export * from './webhook-signature';
export * from './notification-outbox';
export * from './notification-dispatcher';
export * from './notifications.module';
