// The shared vocabulary with no Temporal dependency: stages, inbox addresses, notice keys, ids, payload types.
// The web app imports this part (as `@ocop/model`); Node code imports everything from `@ocop/contracts`.
export * from './task-queues';
export * from './workflow-ids';
export * from './actors';
export * from './stages';
export * from './inboxes';
export * from './notifications';
export * from './cycle';
export * from './product-journey';
export * from './evaluation-session';
export * from './certificate-lifecycle';
export * from './events';
