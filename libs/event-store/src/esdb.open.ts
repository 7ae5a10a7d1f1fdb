import type { EsdbEventStore, EsdbEventStoreOptions } from './esdb.event-store';

/**
 * The EventStoreDB adapter is loaded only when a deployment asks for it: its gRPC client and
 * protobuf tables take a noticeable part of start-up, and the embedded default never uses them.
 * Code that needs the adapter's own types imports `./esdb.event-store` directly.
 */
export async function openEsdbEventStore(
  connectionString: string,
  options?: EsdbEventStoreOptions,
): Promise<EsdbEventStore> {
  const { EsdbEventStore: Adapter } = await import('./esdb.event-store');
  return Adapter.open(connectionString, options);
}
