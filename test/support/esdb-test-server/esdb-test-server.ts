/**
 * A protocol-level test double of EventStoreDB, for tests only: it speaks the gRPC services that
 * `@eventstore/db-client` ships in `generated/`, answering with the same generated message classes,
 * so the real client runs unchanged against it over loopback. What it reproduces, and what not, is
 * listed in README.md next to this file.
 */
import * as grpc from '@grpc/grpc-js';
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Empty as ProtobufEmpty } from 'google-protobuf/google/protobuf/empty_pb';
import { GossipService } from '@eventstore/db-client/generated/gossip_grpc_pb';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';
import {
  AllStreamPosition,
  Empty,
  StreamDeleted,
  StreamIdentifier,
  Timeout,
  UUID,
  WrongExpectedVersion as WrongExpectedVersionDetails,
} from '@eventstore/db-client/generated/shared_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import {
  AppendReq,
  AppendResp,
  BatchAppendReq,
  BatchAppendResp,
  DeleteReq,
  DeleteResp,
  ReadReq,
  ReadResp,
  TombstoneReq,
  TombstoneResp,
} from '@eventstore/db-client/generated/streams_pb';
import { randomUUID } from 'node:crypto';
import { AppendOutcome, EventLog, Expectation, LoggedEvent, ProposedEvent } from './event-log';

/**
 * What `ServerFeatures/GetSupportedMethods` says, which decides the client's append path:
 * - `batch-append`: advertises `BatchAppend` (EventStoreDB 21.10 and later), used for every append;
 * - `append-only`: answers, without `BatchAppend` (20.x), so the client streams `Append`;
 * - `unimplemented`: answers UNIMPLEMENTED (servers before 21.10), so the client assumes nothing.
 */
export type ServerFeaturesMode = 'batch-append' | 'append-only' | 'unimplemented';

export interface EsdbTestServerOptions {
  /** 0 (the default) picks a free port; pass a port to restart on the same one. */
  port?: number;
  features?: ServerFeaturesMode;
  /**
   * The version GetSupportedMethods states; default 24.10.0 with BatchAppend, 20.10.5 without.
   * The server behaves as that version in what the adapter depends on: `caught_up` only from 23.10.
   */
  version?: string;
  log?: EventLog;
}

/**
 * Failures a node of a cluster sends, as KurrentDB sends them, for the tests to make the next calls fail with:
 * - `not-leader`: a follower refusing a call that requires the leader; trailers name the leader
 *   (`exception: not-leader`, `leader-endpoint-host`, `leader-endpoint-port`), status NOT_FOUND
 *   "Leader info available"; on BatchAppend the whole call fails so;
 * - `busy` / `not-ready`: BatchAppend's per-append `google.rpc.Status` UNAVAILABLE "Server Is Too Busy" /
 *   "Server Is Not Ready", which the 6.x client does not recognise (UnknownError "Could not recognize …");
 *   on Read, the call fails UNAVAILABLE with the same words;
 * - `deadline`: the call fails DEADLINE_EXCEEDED (a node too slow to answer);
 * - `commit-timeout`: BatchAppend's per-append status packing `event_store.client.Timeout` (the cluster did
 *   not commit in time), which the client turns into DeadlineExceededError.
 */
export type NodeFault =
  | { kind: 'not-leader'; leader: { host: string; port: number } }
  | { kind: 'busy' | 'not-ready' | 'deadline' | 'commit-timeout' };

const STREAMS_SERVICE = 'event_store.client.streams.streams';
/** Count of events scanned between two `checkpoint` messages when the filter sets no window. */
const DEFAULT_SEARCH_WINDOW = 32;

export class EsdbTestServer {
  readonly log: EventLog;
  readonly features: ServerFeaturesMode;
  /** How often each rpc was called, by its path, e.g. `/event_store.client.streams.Streams/BatchAppend`. */
  readonly calls = new Map<string, number>();
  /** Where each subscription to `$all` asked to start, in order: a position (exclusive), 'start' or 'end'. */
  readonly subscriptionsToAllFrom: Array<bigint | 'start' | 'end'> = [];
  /** Calls by rpc path that carried `requires-leader: true`, and all calls by path. */
  readonly requiresLeader = new Map<string, { leader: number; all: number }>();
  readonly version: string;
  private server?: grpc.Server;
  private port: number;
  private readonly liveReads = new Set<() => void>();
  /** Faults to answer the next calls with, per rpc; `always` answers every call so (a follower). */
  private readonly faults = new Map<'BatchAppend' | 'Read', { fault: NodeFault; times: number }>();

  /** The next `times` calls of `rpc` fail with `fault` (Infinity: every call, as a follower would). */
  failNext(rpc: 'BatchAppend' | 'Read', fault: NodeFault, times = 1): void {
    this.faults.set(rpc, { fault, times });
  }

  private takeFault(rpc: 'BatchAppend' | 'Read'): NodeFault | undefined {
    const pending = this.faults.get(rpc);
    if (!pending || pending.times <= 0) return undefined;
    pending.times -= 1;
    return pending.fault;
  }

  private constructor(options: EsdbTestServerOptions) {
    this.log = options.log ?? new EventLog();
    this.features = options.features ?? 'batch-append';
    this.version = options.version ?? (this.features === 'batch-append' ? '24.10.0' : '20.10.5');
    this.port = options.port ?? 0;
  }

  /** Servers before 23.10 never send `caught_up` (and before 21.10 do not state their version at all). */
  get sendsCaughtUp(): boolean {
    if (this.features === 'unimplemented') return false;
    const [major, minor] = this.version.split('.').map(Number);
    return major > 23 || (major === 23 && minor >= 10);
  }

  static async start(options: EsdbTestServerOptions = {}): Promise<EsdbTestServer> {
    const server = new EsdbTestServer(options);
    await server.start();
    return server;
  }

  /** Where the node listens, as a NotLeader of another node names it. */
  get endpoint(): { host: string; port: number } {
    return { host: '127.0.0.1', port: this.port };
  }

  /** Single host, so the client connects directly and never asks the gossip service. */
  get connectionString(): string {
    return `esdb://127.0.0.1:${this.port}?tls=false`;
  }

  callsTo(method: string): number {
    let total = 0;
    for (const [path, count] of this.calls) if (path.endsWith(`/${method}`)) total += count;
    return total;
  }

  async start(): Promise<void> {
    if (this.server) return;
    // Every start (and every restart, or leader election) writes its epoch to $all.
    this.log.startEpoch();
    const server = new grpc.Server();
    server.addService(ServerFeaturesService, {
      getSupportedMethods: this.counted('GetSupportedMethods', this.getSupportedMethods),
    });
    server.addService(StreamsService, {
      read: this.counted('Read', this.read),
      append: this.counted('Append', this.appendByStreaming),
      batchAppend: this.counted('BatchAppend', this.batchAppend),
      delete: this.counted('Delete', this.delete),
      tombstone: this.counted('Tombstone', this.tombstone),
    });
    // Registered only to prove the client never calls it for a single-host connection string.
    server.addService(GossipService, {
      read: this.counted('Gossip/Read', (_call: unknown, callback: grpc.sendUnaryData<unknown>) =>
        callback({ code: grpc.status.UNIMPLEMENTED, details: 'no gossip on a single node' }),
      ),
    });
    this.port = await new Promise<number>((resolve, reject) =>
      server.bindAsync(`127.0.0.1:${this.port}`, grpc.ServerCredentials.createInsecure(), (error, port) =>
        error ? reject(error) : resolve(port),
      ),
    );
    this.server = server;
  }

  /** Drops every connection and call at once, as a crashed node or a cut network would. */
  async stop(): Promise<void> {
    for (const end of [...this.liveReads]) end();
    this.server?.forceShutdown();
    this.server = undefined;
  }

  /** A crash and a restart on the same port, keeping the data. */
  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  private counted<H extends (...args: never[]) => void>(name: string, handler: H): H {
    const path = name.includes('/')
      ? name
      : name === 'GetSupportedMethods'
        ? `ServerFeatures/${name}`
        : `Streams/${name}`;
    return ((...args: never[]) => {
      this.calls.set(path, (this.calls.get(path) ?? 0) + 1);
      const call = args[0] as unknown as { metadata?: grpc.Metadata };
      const leader = this.requiresLeader.get(path) ?? { leader: 0, all: 0 };
      leader.all += 1;
      if (call?.metadata?.get('requires-leader')?.[0] === 'true') leader.leader += 1;
      this.requiresLeader.set(path, leader);
      handler.apply(this, args);
    }) as H;
  }

  private getSupportedMethods(
    _call: grpc.ServerUnaryCall<Empty, SupportedMethods>,
    callback: grpc.sendUnaryData<SupportedMethods>,
  ): void {
    if (this.features === 'unimplemented') {
      callback({ code: grpc.status.UNIMPLEMENTED, details: 'Method not found: GetSupportedMethods' });
      return;
    }
    const methods = [
      'read',
      'append',
      'delete',
      'tombstone',
      ...(this.features === 'batch-append' ? ['batchappend'] : []),
    ];
    const answer = new SupportedMethods();
    answer.setEventStoreServerVersion(this.version);
    answer.setMethodsList(
      methods.map((name) => {
        const method = new SupportedMethod();
        method.setServiceName(STREAMS_SERVICE);
        method.setMethodName(name);
        if (name === 'read') method.setFeaturesList(['position', 'events', 'all']);
        return method;
      }),
    );
    callback(null, answer);
  }

  // ── appends ──────────────────────────────────────────────────────────────────────────────────

  /** `Streams/Append`: one options message, then the proposed events, then the client ends the stream. */
  private appendByStreaming(
    call: grpc.ServerReadableStream<AppendReq, AppendResp>,
    callback: grpc.sendUnaryData<AppendResp>,
  ): void {
    let options: AppendReq.Options | undefined;
    const proposed: ProposedEvent[] = [];
    call.on('data', (req: AppendReq) => {
      if (req.hasOptions()) options = req.getOptions();
      const message = req.getProposedMessage();
      if (message) proposed.push(toProposed(message));
    });
    call.on('error', () => undefined);
    call.on('end', () => {
      if (!options) return callback({ code: grpc.status.INVALID_ARGUMENT, details: 'options first' });
      const streamId = streamName(options.getStreamIdentifier());
      const expected = expectationOf(options.getExpectedStreamRevisionCase(), options.getRevision());
      const outcome = this.log.append(streamId, expected, proposed);
      if (outcome.kind === 'stream_deleted') return callback(streamDeletedError(streamId));
      const resp = new AppendResp();
      if (outcome.kind === 'success') {
        const success = new AppendResp.Success();
        if (outcome.currentRevision === 'no_stream') success.setNoStream(new Empty());
        else success.setCurrentRevision(outcome.currentRevision.toString());
        if (outcome.position === undefined) success.setNoPosition(new Empty());
        else success.setPosition(appendPosition(outcome.position));
        resp.setSuccess(success);
      } else {
        const wrong = new AppendResp.WrongExpectedVersion();
        if (outcome.current === 'no_stream') wrong.setCurrentNoStream(new Empty());
        else wrong.setCurrentRevision(outcome.current.toString());
        switch (outcome.expected.kind) {
          case 'any':
            wrong.setExpectedAny(new Empty());
            break;
          case 'no_stream':
            wrong.setExpectedNoStream(new Empty());
            break;
          case 'stream_exists':
            wrong.setExpectedStreamExists(new Empty());
            break;
          case 'revision':
            wrong.setExpectedRevision(outcome.expected.revision.toString());
        }
        resp.setWrongExpectedVersion(wrong);
      }
      callback(null, resp);
    });
  }

  /**
   * `Streams/BatchAppend`: one long-lived bidirectional stream per client; each append is a run
   * of requests sharing a correlation id, the first carrying the options, the last `is_final`.
   * Failures come back as a `google.rpc.Status` whose details pack the reason.
   */
  private batchAppend(call: grpc.ServerDuplexStream<BatchAppendReq, BatchAppendResp>): void {
    const pending = new Map<string, { options?: BatchAppendReq.Options; proposed: ProposedEvent[] }>();
    call.on('data', (req: BatchAppendReq) => {
      const correlation = uuidOf(req.getCorrelationId());
      const batch = pending.get(correlation) ?? { proposed: [] };
      pending.set(correlation, batch);
      if (req.hasOptions()) batch.options = req.getOptions();
      for (const message of req.getProposedMessagesList()) batch.proposed.push(toProposed(message));
      if (!req.getIsFinal()) return;
      pending.delete(correlation);
      const options = batch.options!;
      const streamId = streamName(options.getStreamIdentifier());
      const expected = expectationOf(options.getExpectedStreamPositionCase(), options.getStreamPosition());
      const fault = this.takeFault('BatchAppend');
      if (fault && (fault.kind === 'not-leader' || fault.kind === 'deadline')) {
        call.emit('error', callFailure(fault));
        return;
      }
      const resp = new BatchAppendResp();
      resp.setCorrelationId(req.getCorrelationId());
      resp.setStreamIdentifier(options.getStreamIdentifier());
      echoExpectation(resp, expected);
      if (fault) {
        resp.setError(appendFaultStatus(fault.kind as 'busy' | 'not-ready' | 'commit-timeout'));
        call.write(resp);
        return;
      }
      const outcome = this.log.append(streamId, expected, batch.proposed);
      if (outcome.kind === 'success') {
        const success = new BatchAppendResp.Success();
        if (outcome.currentRevision === 'no_stream') success.setNoStream(new ProtobufEmpty());
        else success.setCurrentRevision(outcome.currentRevision.toString());
        if (outcome.position === undefined) success.setNoPosition(new ProtobufEmpty());
        else {
          const position = new AllStreamPosition();
          position.setCommitPosition(outcome.position.toString());
          position.setPreparePosition(outcome.position.toString());
          success.setPosition(position);
        }
        resp.setSuccess(success);
      } else {
        resp.setError(failureStatus(streamId, outcome));
      }
      call.write(resp);
    });
    call.on('error', () => undefined);
    call.on('end', () => call.end());
  }

  // ── deletes ──────────────────────────────────────────────────────────────────────────────────

  private delete(call: grpc.ServerUnaryCall<DeleteReq, DeleteResp>, callback: grpc.sendUnaryData<DeleteResp>): void {
    const options = call.request.getOptions()!;
    const streamId = streamName(options.getStreamIdentifier());
    const outcome = this.log.softDelete(
      streamId,
      expectationOf(options.getExpectedStreamRevisionCase(), options.getRevision()),
    );
    if (outcome.kind !== 'success') return callback(deleteFailure(streamId, outcome));
    const resp = new DeleteResp();
    const position = new DeleteResp.Position();
    position.setCommitPosition(outcome.position!.toString());
    position.setPreparePosition(outcome.position!.toString());
    resp.setPosition(position);
    callback(null, resp);
  }

  private tombstone(
    call: grpc.ServerUnaryCall<TombstoneReq, TombstoneResp>,
    callback: grpc.sendUnaryData<TombstoneResp>,
  ): void {
    const options = call.request.getOptions()!;
    const streamId = streamName(options.getStreamIdentifier());
    const outcome = this.log.tombstone(
      streamId,
      expectationOf(options.getExpectedStreamRevisionCase(), options.getRevision()),
    );
    if (outcome.kind !== 'success') return callback(deleteFailure(streamId, outcome));
    const resp = new TombstoneResp();
    const position = new TombstoneResp.Position();
    position.setCommitPosition(outcome.position!.toString());
    position.setPreparePosition(outcome.position!.toString());
    resp.setPosition(position);
    callback(null, resp);
  }

  // ── reads and subscriptions ──────────────────────────────────────────────────────────────────

  private read(call: grpc.ServerWritableStream<ReadReq, ReadResp>): void {
    const fault = this.takeFault('Read');
    if (fault) {
      call.emit('error', callFailure(fault));
      return;
    }
    const options = call.request.getOptions()!;
    const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
    const count = options.hasCount() ? Number(options.getCount()) : Number.MAX_SAFE_INTEGER;
    const filter = filterOf(options);

    if (options.hasStream()) {
      const streamOptions = options.getStream()!;
      const streamId = streamName(streamOptions.getStreamIdentifier());
      const readable = this.log.readable(streamId);
      if (readable === 'deleted') {
        call.emit('error', streamDeletedError(streamId));
        return;
      }
      const revisionCase = streamOptions.getRevisionOptionCase();
      const from = streamOptions.getRevision() ? BigInt(streamOptions.getRevision()) : 0n;
      if (options.hasSubscription()) {
        // A subscription starts after the given revision; a missing stream is simply empty so far.
        const after =
          revisionCase === ReadReq.Options.StreamOptions.RevisionOptionCase.REVISION
            ? from
            : revisionCase === ReadReq.Options.StreamOptions.RevisionOptionCase.END
              ? this.lastOf(streamId)
              : -1n;
        return this.subscribe(call, (e) => e.streamId === streamId && e.revision > after, filter, false);
      }
      if (readable === 'not_found') {
        const resp = new ReadResp();
        const notFound = new ReadResp.StreamNotFound();
        notFound.setStreamIdentifier(streamOptions.getStreamIdentifier());
        resp.setStreamNotFound(notFound);
        call.write(resp);
        call.end();
        return;
      }
      const chosen = backwards
        ? [...readable]
            .reverse()
            .filter(
              (e) => revisionCase !== ReadReq.Options.StreamOptions.RevisionOptionCase.REVISION || e.revision <= from,
            )
        : readable.filter(
            (e) => revisionCase !== ReadReq.Options.StreamOptions.RevisionOptionCase.REVISION || e.revision >= from,
          );
      for (const event of chosen.slice(0, count)) call.write(eventResp(event));
      call.end();
      return;
    }

    const allOptions = options.getAll()!;
    const allCase = allOptions.getAllOptionCase();
    const position = allOptions.getPosition();
    const from = position ? BigInt(position.getCommitPosition()) : undefined;
    // The server reads the transaction file at that byte offset: anything but a record's start (a
    // position it handed out, or the log's start or end) is refused, e.g. `position + 1`.
    if (from !== undefined && !this.log.isBoundary(from)) {
      const details = `Invalid position: ${from} is not an event boundary`;
      call.emit('error', { code: grpc.status.INVALID_ARGUMENT, details });
      return;
    }
    if (options.hasSubscription()) {
      this.subscriptionsToAllFrom.push(
        allCase === ReadReq.Options.AllOptions.AllOptionCase.END ? 'end' : from === undefined ? 'start' : from,
      );
      const last = this.log.events[this.log.events.length - 1]?.position ?? -1n;
      const after = allCase === ReadReq.Options.AllOptions.AllOptionCase.END ? last : (from ?? -1n);
      return this.subscribe(call, (e) => e.position > after, filter, true);
    }
    // Forwards from a position includes the event there; backwards reads what lies before it.
    const events = this.log.events;
    const chosen = backwards
      ? [...events].reverse().filter((e) => from === undefined || e.position < from)
      : events.filter((e) => from === undefined || e.position >= from);
    let sent = 0;
    for (const event of chosen) {
      if (sent >= count) break;
      if (filter && !filter.matches(event)) continue;
      call.write(eventResp(event));
      sent += 1;
    }
    call.end();
  }

  private lastOf(streamId: string): bigint {
    const last = this.log.lastRevision(streamId);
    return last === 'no_stream' ? -1n : last;
  }

  /**
   * Confirmation, then history after the start, then `caught_up`, then live events as they are
   * written. With a filter on `$all`, `checkpoint` messages report how far the search has got,
   * also across events the filter skips.
   */
  private subscribe(
    call: grpc.ServerWritableStream<ReadReq, ReadResp>,
    startsAfter: (event: LoggedEvent) => boolean,
    filter: Filter | undefined,
    toAll: boolean,
  ): void {
    const confirmation = new ReadResp();
    const confirmed = new ReadResp.SubscriptionConfirmation();
    confirmed.setSubscriptionId(randomUUID());
    confirmation.setConfirmation(confirmed);
    call.write(confirmation);

    let nextIndexPosition = -1n;
    let scannedSinceCheckpoint = 0;
    const deliver = (events: readonly LoggedEvent[]) => {
      let lastScanned: LoggedEvent | undefined;
      for (const event of events) {
        if (event.position < nextIndexPosition || !startsAfter(event)) continue;
        lastScanned = event;
        nextIndexPosition = event.position + 1n;
        scannedSinceCheckpoint += 1;
        if (!filter || filter.matches(event)) {
          call.write(eventResp(event));
        }
        if (filter && toAll && scannedSinceCheckpoint >= filter.checkpointEvery) {
          call.write(checkpointResp(event.position));
          scannedSinceCheckpoint = 0;
        }
      }
      return lastScanned;
    };
    const lastOfHistory = deliver(this.log.events);
    if (filter && toAll && lastOfHistory) call.write(checkpointResp(lastOfHistory.position));
    if (this.sendsCaughtUp) {
      const caughtUp = new ReadResp();
      caughtUp.setCaughtUp(new ReadResp.CaughtUp());
      call.write(caughtUp);
    }

    const onAppend = () => deliver(this.log.events);
    this.log.appended.on('append', onAppend);
    const end = () => {
      this.log.appended.off('append', onAppend);
      this.liveReads.delete(end);
    };
    this.liveReads.add(end);
    call.on('cancelled', end);
    call.on('close', end);
    call.on('error', end);
  }
}

// ── messages ───────────────────────────────────────────────────────────────────────────────────

interface Filter {
  matches(event: LoggedEvent): boolean;
  checkpointEvery: number;
}

function filterOf(options: ReadReq.Options): Filter | undefined {
  if (!options.hasFilter()) return undefined;
  const filter = options.getFilter()!;
  const onStreams = filter.hasStreamIdentifier();
  const expression = (onStreams ? filter.getStreamIdentifier() : filter.getEventType())!;
  const prefixes = expression.getPrefixList();
  const regex = expression.getRegex() ? new RegExp(expression.getRegex()) : undefined;
  const window = filter.hasMax() ? filter.getMax() : DEFAULT_SEARCH_WINDOW;
  return {
    matches: (event) => {
      const subject = onStreams ? event.streamId : event.type;
      if (prefixes.length > 0) return prefixes.some((p) => subject.startsWith(p));
      return regex ? regex.test(subject) : true;
    },
    checkpointEvery: Math.max(1, filter.getCheckpointintervalmultiplier()) * window,
  };
}

function expectationOf(kase: number, revision: string): Expectation {
  // The four request messages number their oneof cases alike: 2 revision, 3 no stream, 4 any, 5 exists.
  switch (kase) {
    case 2:
      return { kind: 'revision', revision: BigInt(revision) };
    case 3:
      return { kind: 'no_stream' };
    case 5:
      return { kind: 'stream_exists' };
    default:
      return { kind: 'any' };
  }
}

function echoExpectation(resp: BatchAppendResp, expected: Expectation): void {
  switch (expected.kind) {
    case 'revision':
      resp.setStreamPosition(expected.revision.toString());
      break;
    case 'no_stream':
      resp.setNoStream(new ProtobufEmpty());
      break;
    case 'stream_exists':
      resp.setStreamExists(new ProtobufEmpty());
      break;
    default:
      resp.setAny(new ProtobufEmpty());
  }
}

function failureStatus(streamId: string, outcome: Exclude<AppendOutcome, { kind: 'success' }>): Status {
  const status = new Status();
  const details = new Any();
  if (outcome.kind === 'stream_deleted') {
    const deleted = new StreamDeleted();
    deleted.setStreamIdentifier(identifier(streamId));
    details.pack(deleted.serializeBinary(), 'event_store.client.StreamDeleted');
    status.setCode(9);
    status.setMessage(`Event stream '${streamId}' is deleted.`);
  } else {
    const wrong = new WrongExpectedVersionDetails();
    if (outcome.current === 'no_stream') wrong.setCurrentNoStream(new ProtobufEmpty());
    else wrong.setCurrentStreamRevision(outcome.current.toString());
    switch (outcome.expected.kind) {
      case 'revision':
        wrong.setExpectedStreamPosition(outcome.expected.revision.toString());
        break;
      case 'no_stream':
        wrong.setExpectedNoStream(new ProtobufEmpty());
        break;
      case 'stream_exists':
        wrong.setExpectedStreamExists(new ProtobufEmpty());
        break;
      default:
        wrong.setExpectedAny(new ProtobufEmpty());
    }
    details.pack(wrong.serializeBinary(), 'event_store.client.WrongExpectedVersion');
    status.setCode(9);
    status.setMessage('WrongExpectedVersion');
  }
  status.setDetails(details);
  return status;
}

/** A call a node refuses whole: the leader it names, too busy, not ready, or too slow. */
function callFailure(fault: NodeFault): Partial<grpc.StatusObject> {
  const metadata = new grpc.Metadata();
  switch (fault.kind) {
    case 'not-leader':
      metadata.set('exception', 'not-leader');
      metadata.set('leader-endpoint-host', fault.leader.host);
      metadata.set('leader-endpoint-port', String(fault.leader.port));
      return { code: grpc.status.NOT_FOUND, details: 'Leader info available', metadata };
    case 'deadline':
    case 'commit-timeout':
      return { code: grpc.status.DEADLINE_EXCEEDED, details: 'Deadline Exceeded', metadata };
    case 'busy':
      return { code: grpc.status.UNAVAILABLE, details: 'Server Is Too Busy', metadata };
    case 'not-ready':
      return { code: grpc.status.UNAVAILABLE, details: 'Server Is Not Ready', metadata };
  }
}

/** BatchAppend's answer to one append the node could not take. */
function appendFaultStatus(kind: 'busy' | 'not-ready' | 'commit-timeout'): Status {
  const status = new Status();
  const details = new Any();
  if (kind === 'commit-timeout') {
    details.pack(new Timeout().serializeBinary(), 'event_store.client.Timeout');
    status.setCode(4);
    status.setMessage('Timeout');
  } else {
    details.pack(new ProtobufEmpty().serializeBinary(), 'google.protobuf.Empty');
    status.setCode(14);
    status.setMessage(kind === 'busy' ? 'Server Is Too Busy' : 'Server Is Not Ready');
  }
  status.setDetails(details);
  return status;
}

/** Unary and server-streaming rpcs report failures in trailers, named by an `exception` key. */
function streamDeletedError(streamId: string): Partial<grpc.StatusObject> {
  const metadata = new grpc.Metadata();
  metadata.set('exception', 'stream-deleted');
  metadata.set('stream-name', streamId);
  return { code: grpc.status.FAILED_PRECONDITION, details: `Event stream '${streamId}' is deleted.`, metadata };
}

function deleteFailure(
  streamId: string,
  outcome: Exclude<AppendOutcome, { kind: 'success' }>,
): Partial<grpc.StatusObject> {
  if (outcome.kind === 'stream_deleted') return streamDeletedError(streamId);
  // ESDB's numeric codes for expectations: -2 any, -1 no stream, -4 stream exists.
  const expected = outcome.expected;
  const expectedVersion =
    expected.kind === 'revision'
      ? expected.revision
      : expected.kind === 'no_stream'
        ? -1n
        : expected.kind === 'stream_exists'
          ? -4n
          : -2n;
  const metadata = new grpc.Metadata();
  metadata.set('exception', 'wrong-expected-version');
  metadata.set('stream-name', streamId);
  metadata.set('expected-version', expectedVersion.toString());
  if (outcome.current !== 'no_stream') metadata.set('actual-version', outcome.current.toString());
  return { code: grpc.status.FAILED_PRECONDITION, details: 'Wrong expected version.', metadata };
}

function eventResp(event: LoggedEvent): ReadResp {
  const recorded = new ReadResp.ReadEvent.RecordedEvent();
  const id = new UUID();
  id.setString(event.id);
  recorded.setId(id);
  recorded.setStreamIdentifier(identifier(event.streamId));
  recorded.setStreamRevision(event.revision.toString());
  recorded.setCommitPosition(event.position.toString());
  recorded.setPreparePosition(event.position.toString());
  recorded
    .getMetadataMap()
    .set('type', event.type)
    .set('content-type', event.contentType)
    .set('created', event.created.toString());
  recorded.setCustomMetadata(event.customMetadata);
  recorded.setData(event.data);
  const read = new ReadResp.ReadEvent();
  read.setEvent(recorded);
  read.setCommitPosition(event.position.toString());
  const resp = new ReadResp();
  resp.setEvent(read);
  return resp;
}

function checkpointResp(position: bigint): ReadResp {
  const checkpoint = new ReadResp.Checkpoint();
  checkpoint.setCommitPosition(position.toString());
  checkpoint.setPreparePosition(position.toString());
  const resp = new ReadResp();
  resp.setCheckpoint(checkpoint);
  return resp;
}

function appendPosition(position: bigint): AppendResp.Position {
  const result = new AppendResp.Position();
  result.setCommitPosition(position.toString());
  result.setPreparePosition(position.toString());
  return result;
}

function toProposed(message: AppendReq.ProposedMessage | BatchAppendReq.ProposedMessage): ProposedEvent {
  const metadata = message.getMetadataMap();
  return {
    id: uuidOf(message.getId()),
    type: metadata.get('type') ?? '',
    contentType: metadata.get('content-type') ?? 'application/octet-stream',
    data: message.getData_asU8(),
    customMetadata: message.getCustomMetadata_asU8(),
  };
}

function uuidOf(uuid: UUID | undefined): string {
  if (!uuid) return randomUUID();
  if (uuid.hasString()) return uuid.getString();
  const structured = uuid.getStructured()!;
  const bytes = Buffer.alloc(16);
  bytes.writeBigInt64BE(BigInt(structured.getMostSignificantBits()), 0);
  bytes.writeBigInt64BE(BigInt(structured.getLeastSignificantBits()), 8);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function streamName(id: StreamIdentifier | undefined): string {
  return Buffer.from(id?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');
}

function identifier(streamId: string): StreamIdentifier {
  const id = new StreamIdentifier();
  id.setStreamName(Buffer.from(streamId, 'utf8'));
  return id;
}
