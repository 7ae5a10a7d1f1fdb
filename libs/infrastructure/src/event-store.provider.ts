import { Provider } from '@nestjs/common';
import { EsdbEventStore, EVENT_STORE, EventStore, HashChainedEventStore, SqliteEventStore } from '@goals/event-store';
import { APP_CONFIG, AppConfig } from './config/app-config';

/** Every event is chained to its stream's previous one, so an auditor can verify nothing was altered. */
export function openEventStore(config: AppConfig): EventStore {
  return new HashChainedEventStore(openAdapter(config));
}

function openAdapter(config: AppConfig): EventStore {
  switch (config.eventStore.kind) {
    case 'sqlite':
      return new SqliteEventStore({ file: config.eventStore.file });
    case 'esdb':
      return EsdbEventStore.connect(config.eventStore.connectionString);
  }
}

export const eventStoreProvider: Provider = {
  provide: EVENT_STORE,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => openEventStore(config),
};
