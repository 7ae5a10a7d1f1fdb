/**
 * Where stored events become domain events, and domain events become stored ones: each stream's
 * event types declared once, the schema version written today, and the upcasters that turn an
 * older stored shape into today's. Every reader of a stream goes through `read`, so a schema change
 * is made here once instead of at every place that folds a stream.
 *
 * The domain sees stored events structurally (type, data, metadata.schemaVersion): it imports no
 * store, and the store's adapters know nothing of goals.
 */

/** A stored event as any store hands it back, seen only as far as this layer needs. */
export interface StoredEvent {
  type: string;
  data: unknown;
  metadata?: { schemaVersion?: unknown };
}

/**
 * Turns the data of one schema version into the data of the next. Pure: no clock, no I/O. What it
 * needs beyond the event (the organisation, to find the id of a department an old event names) comes
 * in `context`, which the reader passes in.
 */
export type Upcaster<C = unknown> = (data: Record<string, unknown>, context: C | undefined) => Record<string, unknown>;

type DomainEvent = { type: string; data: object };

/** `upcasters[type][n]` turns version n of that type into version n+1; today's version is the last + 1. */
export type Upcasters<E extends DomainEvent, C = unknown> = {
  [T in E['type']]?: Readonly<Record<number, Upcaster<C>>>;
};

/** The stored event with its type and data replaced by the domain event they stand for. */
export type Read<S, E> = E extends DomainEvent ? Omit<S, 'type' | 'data'> & E : never;

export class UnknownSchemaVersion extends Error {
  constructor(
    readonly type: string,
    readonly version: number,
    readonly known: number,
  ) {
    super(
      `${type} has schemaVersion ${version}, newer than ${known}, the newest this service knows: upgrade the service`,
    );
    this.name = 'UnknownSchemaVersion';
  }
}

export interface EventSchema<E extends DomainEvent, C = unknown> {
  readonly types: readonly E['type'][];
  /** The schemaVersion a new event of this type is written with. */
  version(type: E['type']): number;
  is(event: { type: string }): event is { type: E['type'] };
  /** The domain event this stored one stands for, upcast to today's shape; undefined for other types. */
  upcast<S extends StoredEvent>(stored: S, context?: C): Read<S, E> | undefined;
  /**
   * Only this schema's events, in order, each upcast. Reading one stream, the context is carried from
   * event to event (`carry`): a goal's later events are read knowing the department its draft names.
   */
  read<S extends StoredEvent>(stored: readonly S[], context?: C): Read<S, E>[];
}

export function eventSchema<E extends DomainEvent, C = unknown>(
  types: readonly E['type'][],
  upcasters: Upcasters<E, C> = {},
  carry?: (context: C | undefined, event: E, stored: StoredEvent) => C | undefined,
): EventSchema<E, C> {
  const known = new Set<string>(types);
  const chain = (type: string): Readonly<Record<number, Upcaster<C>>> =>
    (upcasters as Record<string, Record<number, Upcaster<C>>>)[type] ?? {};
  // Counted once: a replay asks for the version of every event it reads.
  const versions = new Map<string, number>(types.map((type) => [type, 1 + Object.keys(chain(type)).length]));
  const version = (type: string): number => versions.get(type) ?? 1 + Object.keys(chain(type)).length;
  const upcast = <S extends StoredEvent>(stored: S, context?: C): Read<S, E> | undefined => {
    if (!known.has(stored.type)) return undefined;
    const current = version(stored.type);
    // Events written before versions were recorded are version 1.
    const raw = stored.metadata?.schemaVersion;
    const from = typeof raw === 'number' && Number.isInteger(raw) && raw >= 1 ? raw : 1;
    if (from > current) throw new UnknownSchemaVersion(stored.type, from, current);
    if (from === current) return stored as unknown as Read<S, E>;
    let data = stored.data as Record<string, unknown>;
    for (let v = from; v < current; v++) data = chain(stored.type)[v](data, context);
    return { ...stored, data } as unknown as Read<S, E>;
  };
  return {
    types,
    version: (type) => version(type),
    is: (event): event is { type: E['type'] } => known.has(event.type),
    upcast,
    read: (stored, context) => {
      let carried = context;
      return stored.flatMap((s) => {
        const event = upcast(s, carried);
        if (!event) return [];
        if (carry) carried = carry(carried, event, s);
        return [event];
      });
    },
  };
}

/** Who acted, when, and in answer to what: what every stored event's metadata says. */
/** Who acted and in which post; person and post are absent for the system and for older events. */
export interface EventActor {
  userId: string;
  role: string;
  personId?: string;
  name?: string;
  post?: { kind: string; title: string; departmentId?: string; sectionIds?: string[] };
}

export interface EnvelopeContext {
  actor: EventActor;
  /** ISO-8601 instant, from the injected clock. */
  occurredAt: string;
  correlationId: string;
  causationId: string;
  /** Anything else the writer records (idempotency key, import line, source). */
  extra?: Record<string, unknown>;
}

export interface EnvelopedEvent {
  id: string;
  type: string;
  data: Record<string, unknown>;
  metadata: {
    actor: EventActor;
    occurredAt: string;
    correlationId: string;
    causationId: string;
    schemaVersion: number;
    reason?: string;
    [extra: string]: unknown;
  };
}
