import { Provider } from '@nestjs/common';
import { EVENT_STORE, EventStore, HashChainedEventStore, openEsdbEventStore, SqliteEventStore } from '@goals/event-store';
import { markStartup } from '@goals/platform';
import { APP_CONFIG, AppConfig } from './config/app-config';

/**
 * Every event is chained to its stream's previous one, so an auditor can verify nothing was altered.
 * EventStoreDB is asked its version first: a server older than 23.10 is refused at start-up.
 */
export async function openEventStore(config: AppConfig): Promise<EventStore> {
  return new HashChainedEventStore(await openAdapter(config));
}

async function openAdapter(config: AppConfig): Promise<EventStore> {
  switch (config.eventStore.kind) {
    case 'sqlite':
      return new SqliteEventStore({ file: config.eventStore.file });
    case 'esdb':
      return openEsdbEventStore(config.eventStore.connectionString);
  }
}

export const eventStoreProvider: Provider = {
  provide: EVENT_STORE,
  inject: [APP_CONFIG],
  useFactory: async (config: AppConfig) => {
    const store = await openEventStore(config);
    markStartup('event store');
    return store;
  },
};
