/** The same carry-over with EVENT_STORE=esdb: the real client over gRPC to the protocol-level test server. */
import { EsdbTestServer } from '../support/esdb-test-server';
import { carryOverEndToEnd } from './carry-over.e2e';

let server: EsdbTestServer;
beforeAll(async () => {
  server = await EsdbTestServer.start({ features: 'batch-append' });
});
afterAll(async () => {
  await server?.stop();
});

carryOverEndToEnd('EventStoreDB adapter on the test server', () => ({
  EVENT_STORE: 'esdb',
  EVENTSTORE_CONNECTION_STRING: server.connectionString,
}));
