import { positionQuery } from '../../shared/pagination';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Actor, InvalidInput } from '@goals/domain';
import { CurrentActor } from '../../auth/auth.guard';
import { idParam } from '../../shared/goal-id.pipe';
import { GetSheetQuery } from './get-sheet.query';
import { ApiAnswers } from '../../http/openapi.schemas';

@ApiTags('sheets')
@ApiBearerAuth()
@Controller('sheets')
export class GetSheetController {
  constructor(private readonly queries: QueryBus) {}

  @ApiAnswers('Sheet')
  @Get(':sheetId')
  @ApiOperation({ summary: 'Header and rows in 番号 order; asOf or atPosition for the sheet as it stood then' })
  @ApiQuery({ name: 'asOf', required: false, description: 'ISO-8601 instant' })
  @ApiQuery({ name: 'atPosition', required: false, description: 'event position (from the audit log)' })
  @ApiQuery({
    name: 'approvedOnly',
    required: false,
    enum: ['true', 'false'],
    description:
      '承認済のみ (for print): only goals the department head approved (achievement recorded or confirmed included)',
  })
  getSheet(
    @Param('sheetId', idParam('sheetId')) sheetId: string,
    @CurrentActor() actor: Actor,
    @Query('asOf') asOf?: string,
    @Query('atPosition') atPosition?: string,
    @Query('approvedOnly') approvedOnly?: string,
  ) {
    if (approvedOnly !== undefined && approvedOnly !== 'true' && approvedOnly !== 'false')
      throw InvalidInput.of('approvedOnly', 'must be true or false');
    if (
      asOf !== undefined &&
      (typeof asOf !== 'string' ||
        !/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(asOf) ||
        Number.isNaN(Date.parse(asOf)))
    )
      throw InvalidInput.of('asOf', 'must be an ISO-8601 date or time, e.g. 2022-06-01T09:00:00+09:00');
    const position = positionQuery('atPosition', atPosition);
    return this.queries.execute(new GetSheetQuery(sheetId, actor, asOf, position, approvedOnly === 'true'));
  }
}
