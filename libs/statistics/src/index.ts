export * from './work-order-figures';
export * from './figures';
