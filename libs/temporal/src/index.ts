export * from './temporal.tokens';
export * from './connection-options';
export * from './temporal-client.module';
export * from './temporal-worker.module';
export * from './workflow-bundle';
export * from './tracing';
export * from './limiter';
