import { OrganisationDirectory } from '../../organisation/organisation-directory.service';
import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { isApproved, NotFound, SheetHeader } from '@goals/domain';
import { EVENT_STORE, EventStore } from '@goals/event-store';
import { ReadModelQueries, readSheetEvents, sheetAsOf } from '@goals/read-models';
import { assertMayRead } from '../../shared/read-access';
import { GetSheetQuery } from './get-sheet.query';
import { sheetView } from './sheet.view';

/**
 * The live sheet comes from the read model; the sheet at a past moment is folded from the raw
 * events up to that moment, never from the read model, so an auditor can trust it.
 */
@QueryHandler(GetSheetQuery)
export class GetSheetHandler implements IQueryHandler<GetSheetQuery> {
  constructor(
    private readonly readModels: ReadModelQueries,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly organisation: OrganisationDirectory,
  ) {}

  async execute({ sheetId, actor, asOf, atPosition, approvedOnly }: GetSheetQuery) {
    const shown = <R extends { status: Parameters<typeof isApproved>[0] }>(rows: R[]) =>
      approvedOnly ? rows.filter((r) => isApproved(r.status)) : rows;
    const naming = await this.organisation.naming();
    const department = ({ departmentId, fiscalYear }: SheetHeader) => ({
      departmentId,
      name: naming.department(departmentId, fiscalYear),
    });
    if (asOf === undefined && atPosition === undefined) {
      const sheet = await this.readModels.sheet(sheetId);
      if (!sheet) throw new NotFound('sheet', sheetId);
      assertMayRead(actor, department(sheet.header), 'sheets');
      return { ...sheetView(sheet.header, shown(sheet.rows), naming), asOf: null, atPosition: null };
    }
    const events = await readSheetEvents(this.store, sheetId);
    const at = atPosition !== undefined ? { atPosition } : { asOf: asOf! };
    const snapshot = sheetAsOf(events, at, await this.organisation.legacyNames());
    if (!snapshot) throw new NotFound('sheet', `${sheetId} at that moment`);
    assertMayRead(actor, department(snapshot.header), 'sheets');
    return {
      ...sheetView(snapshot.header, shown(snapshot.rows), naming),
      asOf: asOf ?? null,
      atPosition: atPosition?.toString() ?? null,
      lastPosition: snapshot.lastPosition?.toString() ?? null,
    };
  }
}
