export * from './tables';
export * from './apply-events';
export * from './migration';
export * from './status';
export * from './batch-projector';
export * from './checkpoints';
export * from './global-log-projector';
export * from './read-your-writes';
