export * from './work-order-figures';
