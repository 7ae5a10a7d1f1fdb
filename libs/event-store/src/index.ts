export * from './event-store.port';
export * from './sqlite.event-store';
export * from './esdb.open';
export * from './hash-chain';
export * from './derived-id';
export * from './checkpointed-consumer';
export * from './sqlite-verify';
export * from './sqlite-chain-links';
