export * from './goods-receipt-events';
