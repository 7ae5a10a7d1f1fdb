import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  Actor,
  canonicalPublicationText,
  decidePublication,
  foldPublications,
  NotFound,
  PUBLICATION_EVENTS,
  publicationNotes,
  publicationStreamId,
  PublicationState,
  PublishedSheet,
  SheetAtPosition,
  SheetPublished,
} from '@goals/domain';
import { EVENT_STORE, EventStore } from '@goals/event-store';
import { CLOCK, Clock } from '@goals/platform';
import { PublicationListing, ReadModelQueries, readSheetEvents, sheetAsOf } from '@goals/read-models';
import { CommandContext } from '../shared/command-context';
import { EventStreams, LoadedStream } from '../shared/event-streams';
import { OrganisationDirectory } from '../organisation/organisation-directory.service';

export const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** A publication as stored: its content, the hash recorded with it, and whether the content still gives that hash. */
export interface StoredPublication {
  content: PublishedSheet;
  contentHash: string;
  publishedBy: SheetPublished['data']['publishedBy'];
  /** Position of the publication's own event. */
  eventPosition: string;
  /** The content read back hashes to the recorded hash. */
  intact: boolean;
}

/**
 * 公表: reads the sheet from the events at one store position (never the read model, which may lag),
 * lets the publication decider pick what may be published, and appends it to the sheet's publication
 * stream through the one write path (EventStreams.decide: If-Match, Idempotency-Key).
 */
@Injectable()
export class PublicationWorkflow {
  /** Publications never change once written: what was read once is kept. */
  private readonly cache = new Map<string, StoredPublication>();

  constructor(
    private readonly streams: EventStreams,
    private readonly organisation: OrganisationDirectory,
    private readonly readModels: ReadModelQueries,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The sheet as the events have it now, with the position it was read at, names of its fiscal year. */
  async sheetNow(sheetId: string): Promise<{ sheet: SheetAtPosition; position: string }> {
    const events = await readSheetEvents(this.store, sheetId);
    if (events.length === 0) throw new NotFound('sheet', sheetId);
    const last = events.reduce((max, e) => (e.position > max ? e.position : max), 0n);
    const snapshot = sheetAsOf(events, { atPosition: last }, await this.organisation.legacyNames());
    if (!snapshot) throw new NotFound('sheet', sheetId);
    const naming = await this.organisation.naming();
    const { header } = snapshot;
    return {
      position: snapshot.lastPosition,
      sheet: {
        sheetId: header.sheetId,
        departmentId: header.departmentId,
        department: naming.department(header.departmentId, header.fiscalYear),
        fiscalYear: header.fiscalYear,
        createdOn: header.createdOn,
        headTitle: header.headTitle,
        headName: header.headName,
        goals: snapshot.rows.map((r) => ({
          number: r.number,
          status: r.status,
          content: { ...r.content, sections: naming.sections(r.content.sections, header.fiscalYear) },
          ...(r.status === 'confirmed' && r.achievement ? { confirmedAchievement: r.achievement } : {}),
          hasPendingAmendment: r.pendingAmendment !== undefined && r.pendingAmendment !== null,
        })),
      },
    };
  }

  /** The publication command on the sheet's publication stream, as the one write path runs it. */
  private command(sheetId: string, kind: string, actor: Actor, publicationId: string) {
    return {
      fold: (stream: LoadedStream) => foldPublications(PUBLICATION_EVENTS.read(stream.events)),
      decide: async (state: PublicationState) => {
        const { sheet, position } = await this.sheetNow(sheetId);
        return decidePublication(
          {
            type: 'PublishSheet',
            data: { kind, publicationId, position, publishedAt: this.clock.now().toISOString(), sheet },
            by: actor,
          },
          state,
          { sha256Hex },
        );
      },
    };
  }

  /** What publishing now would publish, and what the 部長 should know first; nothing is written. */
  async preview(sheetId: string, kind: string, actor: Actor) {
    const stream = await this.streams.load(publicationStreamId(sheetId));
    const command = this.command(sheetId, kind, actor, '(preview)');
    const [event] = await command.decide(command.fold(stream));
    const { sheet } = await this.sheetNow(sheetId);
    return { content: event.data.content, notes: publicationNotes(sheet), revision: stream.revision };
  }

  /** 公表する: If-Match and Idempotency-Key as for every write, through EventStreams.decide. */
  async publish(sheetId: string, kind: string, ctx: CommandContext) {
    const decided = await this.streams.decide(
      publicationStreamId(sheetId),
      this.command(sheetId, kind, ctx.actor, ctx.commandId),
      ctx,
    );
    const [event] = decided.events as SheetPublished[];
    return { ...summaryOf(event.data), revision: decided.revision! };
  }

  /** Every publication of a sheet, from its stream (not the read model: an auditor's list is the record). */
  async ofSheet(sheetId: string): Promise<StoredPublication[]> {
    const { events } = await this.store.readStream(publicationStreamId(sheetId));
    return PUBLICATION_EVENTS.read(events).map((e) => {
      const stored = {
        content: e.data.content,
        contentHash: e.data.contentHash,
        publishedBy: e.data.publishedBy,
        eventPosition: e.position.toString(),
        intact: sha256Hex(canonicalPublicationText(e.data.content)) === e.data.contentHash,
      };
      this.cache.set(stored.content.publicationId, stored);
      return stored;
    });
  }

  /** One publication by its listing; undefined if the store does not hold it. */
  async read(listing: Pick<PublicationListing, 'publicationId' | 'sheetId'>): Promise<StoredPublication | undefined> {
    const cached = this.cache.get(listing.publicationId);
    if (cached) return cached;
    return (await this.ofSheet(listing.sheetId)).find((p) => p.content.publicationId === listing.publicationId);
  }

  listings(): Promise<PublicationListing[]> {
    return this.readModels.publications();
  }
}

function summaryOf(data: SheetPublished['data']) {
  const { publicationId, sheetId, departmentId, department, fiscalYear, kind, version, position, publishedAt } =
    data.content;
  return {
    publicationId,
    sheetId,
    departmentId,
    department,
    fiscalYear,
    kind,
    version,
    position,
    publishedAt,
    contentHash: data.contentHash,
    publicPath: publicPathOf(data.content),
  };
}

/** The stable public address of a publication: year, department id, kind and version. */
export function publicPathOf(p: Pick<PublishedSheet, 'fiscalYear' | 'departmentId' | 'kind' | 'version'>): string {
  return `/public/${p.fiscalYear}/${p.departmentId}/${p.kind}/v${p.version}`;
}
