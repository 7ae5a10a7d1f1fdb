import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CommandContext, WriteContext } from '../../shared/command-context';
import { idParam } from '../../shared/goal-id.pipe';
import { DirectoryAdminController } from '../directory-admin.controller';
import { REORGANISATION_REFUSALS } from '../reorganisation/reorganisation.views';
import { ReorganisedView } from '../reorganisation/reorganisation.views';
import { ReorganiseCommand } from '../reorganisation/reorganise.command';
import { RenameDepartmentRequest } from './rename-department.request.dto';

@DirectoryAdminController(REORGANISATION_REFUSALS)
export class RenameDepartmentController {
  constructor(private readonly commands: CommandBus) {}

  @Post('departments/:departmentId/rename')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Admin: renames a department, and the 職名 of its head, from a day; the old name stays for the years before',
  })
  @ApiOkResponse({ type: ReorganisedView })
  async renameDepartment(
    @Param('departmentId', idParam('departmentId')) departmentId: string,
    @Body() body: RenameDepartmentRequest,
    @WriteContext() ctx: CommandContext,
  ): Promise<ReorganisedView> {
    const { name, headTitle, effectiveFrom, reason } = body;
    return this.commands.execute(
      new ReorganiseCommand(
        { type: 'RenameDepartment', data: { departmentId, name, headTitle, effectiveFrom, reason } },
        'departmentId',
        ctx,
      ),
    );
  }
}
