import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Actor, InvalidInput, NotFound } from '@goals/domain';
import { ReadModelQueries } from '@goals/read-models';
import { CurrentActor } from '../../auth/auth.guard';
import { pageOf } from '../../shared/pagination';
import { assertAuditor, assertMayRead } from '../../shared/read-access';
import { ApiAnswers } from '../../http/openapi.schemas';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class GetAuditTrailController {
  constructor(private readonly readModels: ReadModelQueries) {}

  @ApiAnswers('AuditPage')
  @Get('trail')
  @ApiOperation({ summary: 'Who changed what, when and why, field by field: for a goal, a sheet, or (auditors) everything' })
  @ApiQuery({ name: 'goalId', required: false })
  @ApiQuery({ name: 'sheetId', required: false })
  @ApiQuery({ name: 'offset', required: false })
  @ApiQuery({ name: 'limit', required: false, description: 'at most 200' })
  async trail(
    @CurrentActor() actor: Actor,
    @Query('goalId') goalId?: string,
    @Query('sheetId') sheetId?: string,
    @Query('offset') offset?: string,
    @Query('limit') limit?: string,
  ) {
    const page = pageOf(offset, limit);
    if (goalId !== undefined && sheetId !== undefined) throw InvalidInput.of('goalId', 'give either goalId or sheetId, not both');
    for (const [field, value] of [['goalId', goalId], ['sheetId', sheetId]] as const)
      if (value !== undefined && (typeof value !== 'string' || !UUID.test(value))) throw InvalidInput.of(field, 'must be a UUID');
    if (goalId) {
      const goal = await this.readModels.goal(goalId);
      if (!goal) throw new NotFound('goal', goalId);
      assertMayRead(actor, goal.department, 'goals');
      return this.readModels.history({ goalId }, page);
    }
    if (sheetId) {
      const header = await this.readModels.sheetHeader(sheetId);
      if (!header) throw new NotFound('sheet', sheetId);
      assertMayRead(actor, header.department, 'sheets');
      return this.readModels.history({ sheetId }, page);
    }
    assertAuditor(actor);
    return this.readModels.history({ all: true }, page);
  }
}
