import { Body, Controller, Get, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '@goals/domain';
import { CurrentActor } from '../../auth/auth.guard';
import { ApiAnswers } from '../../http/openapi.schemas';
import { CommandContext, WriteContext } from '../../shared/command-context';
import { idParam } from '../../shared/goal-id.pipe';
import { Reply, withRevision } from '../../shared/write.response';
import { CarryOverGoalsCommand, MarkContinuingCommand } from './carry-over.command';
import { CarryOverRequest, MarkContinuingRequest } from './carry-over.request.dto';
import { CARRIED, CARRY_OVER, CONTINUING_MARKED } from './carry-over.responses';
import { GetCarryOverQuery } from './get-carry-over.handler';

@ApiTags('year')
@ApiBearerAuth()
@Controller()
export class CarryOverController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @ApiAnswers(CARRY_OVER)
  @Get('sheets/:sheetId/carry-over')
  @ApiOperation({
    summary:
      "次年度への引継ぎ: the closed year's goals offered to this sheet (rated in the lower two levels or marked 継続), their sections as of 4月1日 and where each went",
  })
  candidates(@Param('sheetId', idParam('sheetId')) sheetId: string, @CurrentActor() actor: Actor) {
    return this.queries.execute(new GetCarryOverQuery(sheetId, actor));
  }

  @ApiAnswers(CARRIED, { etag: true })
  @Post('sheets/:sheetId/carry-over')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Department head (any goal) or section head (their own): carries goals of the closed year into this sheet as drafts linked to their origin; carrying again answers the same drafts',
  })
  async carry(
    @Param('sheetId', idParam('sheetId')) sheetId: string,
    @Body() body: CarryOverRequest,
    @WriteContext() ctx: CommandContext,
    @Res({ passthrough: true }) reply: Reply,
  ) {
    const goals = body.goals.map(({ goalId, sections }) => ({ goalId, ...(sections ? { sections } : {}) }));
    return withRevision(reply, await this.commands.execute(new CarryOverGoalsCommand(sheetId, goals, ctx)));
  }

  @ApiAnswers(CONTINUING_MARKED, { etag: true })
  @Put('goals/:goalId/continuing')
  @ApiOperation({
    summary: 'Department head or section head: marks a goal 継続, offered to next year whatever its rating',
  })
  async markContinuing(
    @Param('goalId', idParam('goalId')) goalId: string,
    @Body() body: MarkContinuingRequest,
    @WriteContext() ctx: CommandContext,
    @Res({ passthrough: true }) reply: Reply,
  ) {
    const { revision } = await this.commands.execute(new MarkContinuingCommand(goalId, body.continuing, ctx));
    return withRevision(reply, { goalId, continuing: body.continuing, revision });
  }
}
