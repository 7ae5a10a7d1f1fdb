import { Body, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CommandContext, WriteContext } from '../../shared/command-context';
import { ChangeDirectoryCommand } from '../change-directory.command';
import { DirectoryAdminController } from '../directory-admin.controller';
import { ChangedView } from '../organisation.views';
import { RenameSectionRequest } from './rename-section.request.dto';

@DirectoryAdminController()
export class RenameSectionController {
  constructor(private readonly commands: CommandBus) {}

  @Post('sections/:sectionId/rename')
  @HttpCode(200)
  @ApiOperation({ summary: 'Admin: renames a section from a day; the old name stays for the years before' })
  @ApiOkResponse({ type: ChangedView })
  async renameSection(
    @Param('sectionId', new ParseUUIDPipe()) sectionId: string,
    @Body() body: RenameSectionRequest,
    @WriteContext() ctx: CommandContext,
  ): Promise<ChangedView> {
    const { name, effectiveFrom } = body;
    const { revision } = await this.commands.execute(
      new ChangeDirectoryCommand([{ type: 'RenameSection', data: { sectionId, name, effectiveFrom } }], ctx),
    );
    return { revision: Number(revision) };
  }
}
