export * from './work-order-figures';
export * from './figures';
export * from './work-order-sla';
export * from './school-register';
export * from './energy-figures';
export * from './asset-figures';
export * from './dormitory-occupancy';
export * from './greening-figures';
