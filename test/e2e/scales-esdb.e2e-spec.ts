/** The same scales with EVENT_STORE=esdb: the real client over gRPC to the protocol-level test server. */
import { EsdbTestServer } from '../support/esdb-test-server';
import { scalesEndToEnd } from './scales.e2e';

let server: EsdbTestServer;
beforeAll(async () => {
  server = await EsdbTestServer.start({ features: 'batch-append' });
});
afterAll(async () => {
  await server?.stop();
});

scalesEndToEnd('EventStoreDB adapter on the test server', () => ({
  EVENT_STORE: 'esdb',
  EVENTSTORE_CONNECTION_STRING: server.connectionString,
}));
