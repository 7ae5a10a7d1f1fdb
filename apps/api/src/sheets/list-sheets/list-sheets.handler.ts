import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { fiscalYearLabel, fiscalYearOfDate, jstDateOf, readsEveryDepartment } from '@goals/domain';
import { CLOCK, Clock } from '@goals/platform';
import { ReadModelQueries } from '@goals/read-models';
import { OrganisationDirectory } from '../../organisation/organisation-directory.service';
import { assertMayRead } from '../../shared/read-access';
import { ListSheetsQuery } from './list-sheets.query';

@QueryHandler(ListSheetsQuery)
export class ListSheetsHandler implements IQueryHandler<ListSheetsQuery> {
  constructor(
    private readonly readModels: ReadModelQueries,
    private readonly organisation: OrganisationDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ actor, filter }: ListSheetsQuery) {
    // Only auditors and the planning office list across departments; everyone else sees their own department's sheets.
    // A department asked for by name is the one that had the name in that year (this year if none is given).
    const year = filter.fiscalYear ?? fiscalYearOfDate(jstDateOf(this.clock.now()));
    const named = filter.department;
    const departmentId =
      named !== undefined
        ? (await this.organisation.legacyNames()).departmentId(named, year)
        : readsEveryDepartment(actor)
          ? undefined
          : (actor.post?.departmentId ?? '');
    if (departmentId !== undefined)
      assertMayRead(actor, { departmentId, name: named ?? actor.department ?? '' }, 'sheets');
    const page = await this.readModels.sheets({ ...filter, departmentId });
    const naming = await this.organisation.naming();
    return {
      ...page,
      offset: filter.offset,
      limit: filter.limit,
      items: page.items.map((h) => ({
        ...h,
        department: naming.department(h.departmentId, h.fiscalYear),
        fiscalYearLabel: fiscalYearLabel(h.fiscalYear),
      })),
    };
  }
}
