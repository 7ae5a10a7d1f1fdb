import { Controller, Get, Param, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '@goals/domain';
import { CurrentActor } from '../../auth/auth.guard';
import { idParam } from '../../shared/goal-id.pipe';
import { Reply } from '../../shared/write.response';
import { GetGoalQuery } from './get-goal.query';
import { ApiAnswers } from '../../http/openapi.schemas';

@ApiTags('goals')
@ApiBearerAuth()
@Controller('goals')
export class GetGoalController {
  constructor(private readonly queries: QueryBus) {}

  @ApiAnswers('Goal', { etag: true })
  @Get(':goalId')
  @ApiOperation({ summary: 'The goal with its state, revision and every column' })
  async getGoal(@Param('goalId', idParam('goalId')) goalId: string, @CurrentActor() actor: Actor, @Res({ passthrough: true }) reply: Reply) {
    const view = await this.queries.execute(new GetGoalQuery(goalId, actor));
    if (view.revision !== null) reply.header('etag', `"${view.revision}"`);
    return view;
  }
}
