import { Body, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation } from '@nestjs/swagger';
import { CommandContext, WriteContext } from '../../shared/command-context';
import { idFor } from '../../shared/event-envelope';
import { ChangeDirectoryCommand } from '../change-directory.command';
import { DirectoryAdminController } from '../directory-admin.controller';
import { CreatedView } from '../organisation.views';
import { EstablishSectionRequest } from './establish-section.request.dto';

@DirectoryAdminController()
export class EstablishSectionController {
  constructor(private readonly commands: CommandBus) {}

  @Post('departments/:departmentId/sections')
  @ApiOperation({ summary: 'Admin: establishes a section of a department from a day' })
  @ApiCreatedResponse({ type: CreatedView })
  async establishSection(
    @Param('departmentId', new ParseUUIDPipe()) departmentId: string,
    @Body() body: EstablishSectionRequest,
    @WriteContext() ctx: CommandContext,
  ): Promise<CreatedView> {
    const sectionId = idFor(ctx, 'section');
    const { name, effectiveFrom } = body;
    const { revision } = await this.commands.execute(
      new ChangeDirectoryCommand(
        [{ type: 'EstablishSection', data: { sectionId, departmentId, name, effectiveFrom } }],
        ctx,
      ),
    );
    return { id: sectionId, revision: Number(revision) };
  }
}
