export * from './local-redis-server';
export * from './redis-errors';
export * from './redis-lease';
