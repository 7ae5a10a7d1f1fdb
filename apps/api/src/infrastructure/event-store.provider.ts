import { Provider } from '@nestjs/common';
import { EsdbEventStore, EVENT_STORE, EventStore, SqliteEventStore } from '@goals/event-store';
import { APP_CONFIG, AppConfig } from '../config/app-config';

export function openEventStore(config: AppConfig): EventStore {
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
