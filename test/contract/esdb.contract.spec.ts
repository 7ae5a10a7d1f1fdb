/**
 * The event-store contract against the EventStoreDB adapter: through the real client over gRPC to
 * the protocol-level test server in both of the client's append paths, and to a real server
 * whenever EVENTSTORE_CONNECTION_STRING names one.
 */
import { HashChainedEventStore } from '@goals/event-store';
import { EsdbEventStore } from '../../libs/event-store/src/esdb.event-store';
import { EsdbTestServer, ServerFeaturesMode } from '../support/esdb-test-server';
import { checkpointedConsumerContract } from './checkpointed-consumer.contract';
import { eventStoreContract } from './event-store.contract';

function onTestServer(features: ServerFeaturesMode, { chained = false } = {}) {
  return async () => {
    const server = await EsdbTestServer.start({ features });
    const adapter = await EsdbEventStore.open(server.connectionString, {
      logger: { log: () => undefined, error: () => undefined },
    });
    const store = chained ? new HashChainedEventStore(adapter) : adapter;
    return {
      store,
      chained,
      restart: () => server.restart(),
      dispose: async () => {
        await store.close();
        await server.stop();
      },
    };
  };
}

eventStoreContract('EventStoreDB adapter, test server advertising BatchAppend', onTestServer('batch-append'));
eventStoreContract('hash-chained EventStoreDB adapter, test server', onTestServer('batch-append', { chained: true }));
checkpointedConsumerContract('EventStoreDB adapter, test server', onTestServer('batch-append'));

const realServer = process.env.EVENTSTORE_CONNECTION_STRING;
if (realServer) {
  const onRealServer = async () => {
    const store = await EsdbEventStore.open(realServer);
    return { store, dispose: () => store.close() };
  };
  eventStoreContract(`EventStoreDB adapter, real server at ${realServer}`, onRealServer);
  checkpointedConsumerContract(`EventStoreDB adapter, real server at ${realServer}`, onRealServer);
} else {
  console.warn('EVENTSTORE_CONNECTION_STRING is not set: the contract did not run against a real EventStoreDB.');
  describe('event store contract: EventStoreDB adapter, real server', () => {
    it('did not run: set EVENTSTORE_CONNECTION_STRING (e.g. esdb://127.0.0.1:2113?tls=false) to run it', () => {
      expect(realServer).toBeUndefined();
    });
  });
}
