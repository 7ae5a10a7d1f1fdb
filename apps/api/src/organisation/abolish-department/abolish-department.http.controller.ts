import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CommandContext, WriteContext } from '../../shared/command-context';
import { idParam } from '../../shared/goal-id.pipe';
import { DirectoryAdminController } from '../directory-admin.controller';
import { REORGANISATION_REFUSALS } from '../reorganisation/reorganisation.views';
import { ReorganisedView } from '../reorganisation/reorganisation.views';
import { ReorganiseCommand } from '../reorganisation/reorganise.command';
import { AbolishDepartmentRequest } from './abolish-department.request.dto';

@DirectoryAdminController(REORGANISATION_REFUSALS)
export class AbolishDepartmentController {
  constructor(private readonly commands: CommandBus) {}

  @Post('departments/:departmentId/abolish')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Admin: abolishes a department from a day; its sections must be moved or abolished first, or moved by it',
  })
  @ApiOkResponse({ type: ReorganisedView })
  async abolishDepartment(
    @Param('departmentId', idParam('departmentId')) departmentId: string,
    @Body() body: AbolishDepartmentRequest,
    @WriteContext() ctx: CommandContext,
  ): Promise<ReorganisedView> {
    const { effectiveFrom, reason, sectionsMoveTo, endPosts } = body;
    return this.commands.execute(
      new ReorganiseCommand(
        { type: 'AbolishDepartment', data: { departmentId, effectiveFrom, reason, sectionsMoveTo, endPosts } },
        'departmentId',
        ctx,
      ),
    );
  }
}
