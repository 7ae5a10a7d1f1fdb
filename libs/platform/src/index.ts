export * from './clock.port';
export * from './data-dir';
export * from './startup-timeline';
export * from './lazy-require';
export * from './disk-reserve';
