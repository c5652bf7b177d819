export * from './market';
export * from './trading';
