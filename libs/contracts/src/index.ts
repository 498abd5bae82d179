export * from './envelope';
export * from './topics';
export * from './define-event';
export * from './registry';
export * from './events';
export * from './facilities/work-order-events';
export * from './identity';
export * from './storable-text';
