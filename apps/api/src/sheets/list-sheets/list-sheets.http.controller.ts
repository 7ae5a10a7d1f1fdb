import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Actor, InvalidInput } from '@goals/domain';
import { CurrentActor } from '../../auth/auth.guard';
import { pageOf } from '../../shared/pagination';
import { ListSheetsQuery } from './list-sheets.query';
import { ApiAnswers } from '../../http/openapi.schemas';

@ApiTags('sheets')
@ApiBearerAuth()
@Controller('sheets')
export class ListSheetsController {
  constructor(private readonly queries: QueryBus) {}

  @ApiAnswers('SheetPage')
  @Get()
  @ApiOperation({ summary: 'Sheets, newest fiscal year first, paginated' })
  @ApiQuery({ name: 'department', required: false })
  @ApiQuery({ name: 'fiscalYear', required: false, description: 'e.g. 2022 for 令和4年度' })
  @ApiQuery({ name: 'offset', required: false })
  @ApiQuery({ name: 'limit', required: false, description: 'at most 200' })
  listSheets(
    @CurrentActor() actor: Actor,
    @Query('department') department?: string,
    @Query('fiscalYear') fiscalYear?: string,
    @Query('offset') offset?: string,
    @Query('limit') limit?: string,
  ) {
    if (department !== undefined && (typeof department !== 'string' || department.length > 100))
      throw InvalidInput.of('department', 'must be a department name');
    if (fiscalYear !== undefined && (typeof fiscalYear !== 'string' || !/^\d{4}$/.test(fiscalYear)))
      throw InvalidInput.of('fiscalYear', 'must be a year, e.g. 2022');
    return this.queries.execute(
      new ListSheetsQuery(actor, { department, fiscalYear: fiscalYear ? Number(fiscalYear) : undefined, ...pageOf(offset, limit) }),
    );
  }
}
