import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { fiscalYearLabel } from '@goals/domain';
import { ReadModelQueries } from '@goals/read-models';
import { assertMayRead } from '../../shared/read-access';
import { ListSheetsQuery } from './list-sheets.query';

@QueryHandler(ListSheetsQuery)
export class ListSheetsHandler implements IQueryHandler<ListSheetsQuery> {
  constructor(private readonly readModels: ReadModelQueries) {}

  async execute({ actor, filter }: ListSheetsQuery) {
    // Only auditors list across departments; everyone else sees their own department's sheets.
    const department = actor.role === 'auditor' ? filter.department : (filter.department ?? actor.department ?? '');
    if (department !== undefined) assertMayRead(actor, department, 'sheets');
    const page = await this.readModels.sheets({ ...filter, department });
    return {
      ...page,
      offset: filter.offset,
      limit: filter.limit,
      items: page.items.map((h) => ({ ...h, fiscalYearLabel: fiscalYearLabel(h.fiscalYear) })),
    };
  }
}
