export * from './given-when-then';
export * from './test-database';
export * from './platform';
export * from './http';
export * from './openapi-fuzz';
export * from './fuzz-values';
export * from './raw-http';
