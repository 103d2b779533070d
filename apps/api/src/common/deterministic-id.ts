// The one derivation of stable ids lives with the event store; the API derives entity and update ids with it too.
export { deterministicUuid } from '@ocop/persistence';
