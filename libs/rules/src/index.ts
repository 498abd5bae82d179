export * from './instant';
export * from './quantity';
export * from './rule';
export { RulePackError } from './pack-checks';
export * from './rule-pack';
export * from './houqin';
export * from './business-time';
export * from './lateness';
export * from './deadlines';
