export * from './clock.port';
export * from './data-dir';
