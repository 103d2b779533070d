export * from './reference-data';
export * from './cycle-rules';
export * from './star-bands';
export * from './errors';
