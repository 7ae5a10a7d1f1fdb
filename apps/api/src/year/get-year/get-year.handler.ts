import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Redis } from 'ioredis';
import { NotFound } from '@goals/domain';
import { READ_MODEL_PREFIX, REDIS } from '@goals/infrastructure';
import { readYearView, ReadModelQueries } from '@goals/read-models';
import { OrganisationDirectory } from '../../organisation/organisation-directory.service';
import { assertMayRead } from '../../shared/read-access';
import { YearWorkflow } from '../year-workflow.service';
import { GetYearQuery } from './get-year.query';
import { yearView } from './year.view';

@QueryHandler(GetYearQuery)
export class GetYearHandler implements IQueryHandler<GetYearQuery> {
  constructor(
    private readonly readModels: ReadModelQueries,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(READ_MODEL_PREFIX) private readonly prefix: string,
    private readonly organisation: OrganisationDirectory,
    private readonly year: YearWorkflow,
  ) {}

  async execute({ sheetId, actor }: GetYearQuery) {
    const sheet = await this.readModels.sheet(sheetId);
    if (!sheet) throw new NotFound('sheet', sheetId);
    const naming = await this.organisation.naming();
    const { departmentId, fiscalYear } = sheet.header;
    // A 課長 reads the year of their own department's sheet, as they read the sheet itself.
    assertMayRead(actor, { departmentId, name: naming.department(departmentId, fiscalYear) }, 'sheets');
    const year = await readYearView(this.redis, this.prefix, sheetId);
    return yearView(sheet.header, sheet.rows, year, naming, this.year.today());
  }
}
