/**
 * The organisation as the `directory` stream holds it now, for the processes that read goals without
 * the api's directory service (the projector, the reminders, time travel): folded once, then only the
 * events after the revision folded to, so a change made by the api is seen on the next read.
 */
import {
  DIRECTORY_STREAM,
  emptyOrganisation,
  evolveOrganisation,
  LegacyNames,
  legacyNamesIn,
  ORGANISATION_EVENTS,
  OrganisationState,
} from '@goals/domain';
import { derivedUuid, EventStore } from '@goals/event-store';

export class OrganisationReader {
  private readonly state: OrganisationState = emptyOrganisation();
  private revision: bigint | undefined;
  private reading: Promise<OrganisationState> | undefined;

  constructor(private readonly store: EventStore) {}

  /** Concurrent callers share one read, so no event is folded twice. */
  current(): Promise<OrganisationState> {
    this.reading ??= this.readMore().finally(() => (this.reading = undefined));
    return this.reading;
  }

  private async readMore(): Promise<OrganisationState> {
    const fromRevision = this.revision === undefined ? 0n : this.revision + 1n;
    const { events } = await this.store.readStream(DIRECTORY_STREAM, { fromRevision });
    for (const event of ORGANISATION_EVENTS.read(events)) evolveOrganisation(this.state, event);
    if (events.length > 0) this.revision = events.at(-1)!.revision;
    return this.state;
  }

  /** How events written before ids are read: against the organisation now (see legacyNamesIn). */
  async legacyNames(): Promise<LegacyNames> {
    return legacyNamesOf(await this.current());
  }
}

/** The organisation's reading of old names, with the directory seed's derived ids to fall back on. */
export function legacyNamesOf(state: OrganisationState): LegacyNames {
  return legacyNamesIn(state, derivedUuid);
}
