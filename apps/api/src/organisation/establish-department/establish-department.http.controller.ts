import { Body, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation } from '@nestjs/swagger';
import { OrganisationCommand } from '@goals/domain';
import { CommandContext, WriteContext } from '../../shared/command-context';
import { idFor } from '../../shared/event-envelope';
import { ChangeDirectoryCommand } from '../change-directory.command';
import { DirectoryAdminController } from '../directory-admin.controller';
import { CreatedView } from '../organisation.views';
import { EstablishDepartmentRequest } from './establish-department.request.dto';

@DirectoryAdminController()
export class EstablishDepartmentController {
  constructor(private readonly commands: CommandBus) {}

  @Post('departments')
  @ApiOperation({ summary: 'Admin: establishes a department (and its sections) from a day' })
  @ApiCreatedResponse({ type: CreatedView })
  async establishDepartment(
    @Body() body: EstablishDepartmentRequest,
    @WriteContext() ctx: CommandContext,
  ): Promise<CreatedView> {
    const departmentId = idFor(ctx, 'department');
    const { name, headTitle, effectiveFrom } = body;
    const sections = (body.sections ?? []).map((s, i): OrganisationCommand => ({
      type: 'EstablishSection',
      data: { sectionId: idFor(ctx, 'section', String(i)), departmentId, name: s, effectiveFrom },
    }));
    const { revision } = await this.commands.execute(
      new ChangeDirectoryCommand(
        [{ type: 'EstablishDepartment', data: { departmentId, name, headTitle, effectiveFrom } }, ...sections],
        ctx,
      ),
    );
    return { id: departmentId, revision: Number(revision) };
  }
}
