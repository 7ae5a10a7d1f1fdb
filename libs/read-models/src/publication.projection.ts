/**
 * 公表: the list of publications the public index and the auditor's list read. Only a summary is kept
 * here; the published content stays in its event, where nothing can change it.
 */
import { PUBLICATION_EVENTS } from '@goals/domain';
import { RecordedEvent } from '@goals/event-store';
import { Change, keys } from './read-model.changes';
import { PublicationListing } from './read-model.views';

export function projectPublication(event: RecordedEvent): Change[] {
  const published = PUBLICATION_EVENTS.upcast(event);
  if (!published) return [];
  const c = published.data.content;
  const listing: PublicationListing = {
    publicationId: c.publicationId,
    sheetId: c.sheetId,
    departmentId: c.departmentId,
    department: c.department,
    fiscalYear: c.fiscalYear,
    kind: c.kind,
    version: c.version,
    position: c.position,
    publishedAt: c.publishedAt,
    contentHash: published.data.contentHash,
    goalCount: c.goals.length,
    eventPosition: event.position.toString(),
  };
  return [{ op: 'hset', key: keys.publications, fields: { [c.publicationId]: JSON.stringify(listing) } }];
}
