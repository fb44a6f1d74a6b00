export * from './types';
export * from './figures';
export * from './build';
