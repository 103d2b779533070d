// Temporal definitions: the updates, signals and queries of each workflow, and the search attributes.
export * from './search-attributes';
export * from './product-journey';
export * from './cycle';
export * from './evaluation-session';
export * from './certificate-lifecycle';
