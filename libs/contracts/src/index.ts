export * from './envelope';
export * from './topics';
export * from './registry';
export * from './facilities/work-order-events';
export * from './storable-text';
