/** Old sheets brought in with EVENT_STORE=esdb: the real client over gRPC to the protocol-level test server. */
import { EsdbTestServer } from '../support/esdb-test-server';
import { sheetImportEndToEnd } from './sheet-import.e2e';

const servers: EsdbTestServer[] = [];
afterAll(async () => {
  for (const server of servers) await server.stop();
});

sheetImportEndToEnd('EventStoreDB adapter on the test server', async () => {
  // A fresh data folder on this store is a fresh server.
  const server = await EsdbTestServer.start({ features: 'batch-append' });
  servers.push(server);
  return { EVENT_STORE: 'esdb', EVENTSTORE_CONNECTION_STRING: server.connectionString };
});
