export * from './esdb-test-server';
export * from './event-log';
