export * from './clock.port';
export * from './data-dir';
export * from './disk-reserve';
