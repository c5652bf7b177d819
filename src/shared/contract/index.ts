export * from './result';
export * from './contract';
export * from './api';
export * as schemas from './schemas';
export type * from './schemas';
