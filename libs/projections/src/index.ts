export * from './projection';
export * from './rollup';
export * from './memory-projection';
