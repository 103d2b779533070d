export * from './task-queues';
export * from './workflow-ids';
export * from './search-attributes';
export * from './product-journey';
export * from './events';
