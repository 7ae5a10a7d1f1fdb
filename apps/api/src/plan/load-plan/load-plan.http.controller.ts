import { Body, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation } from '@nestjs/swagger';
import { ApiAnswers } from '../../http/openapi.schemas';
import { CommandContext, WriteContext } from '../../shared/command-context';
import { Reply, withRevision } from '../../shared/write.response';
import { PlanAdminController, planLoaded } from '../plan-admin.controller';
import { LoadPlanCommand } from './load-plan.command';
import { LoadPlanRequest } from './load-plan.request.dto';

@PlanAdminController()
export class LoadPlanController {
  constructor(private readonly commands: CommandBus) {}

  @Post('plan')
  @ApiAnswers(planLoaded, { status: 201 })
  @ApiOperation({
    summary:
      'Admin: loads a version of the 総合計画 (id, name, parent of every 基本目標・政策・施策) valid from a date; the versions before it stay for the years before; the same version again writes nothing',
  })
  async loadPlan(
    @Body() body: LoadPlanRequest,
    @WriteContext() ctx: CommandContext,
    @Res({ passthrough: true }) reply: Reply,
  ) {
    const { validFrom, title, levels } = body;
    const entries = body.entries.map(({ id, name, parentId }) => ({ id, name, ...(parentId ? { parentId } : {}) }));
    const data = { validFrom, entries, ...(title ? { title } : {}), ...(levels ? { levels } : {}) };
    const { revision, loaded } = await this.commands.execute(new LoadPlanCommand(data, ctx));
    return withRevision(reply, { revision: revision!, loaded, validFrom, entries: entries.length });
  }
}
