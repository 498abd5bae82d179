export * from './decider';
export * from './command';
export * from './clock';
export * from './errors';
