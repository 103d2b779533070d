export * from './model';
export * from './temporal';
