import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CommandContext, WriteContext } from '../../shared/command-context';
import { idParam } from '../../shared/goal-id.pipe';
import { DirectoryAdminController } from '../directory-admin.controller';
import { REORGANISATION_REFUSALS } from '../reorganisation/reorganisation.views';
import { ReorganisedView } from '../reorganisation/reorganisation.views';
import { ReorganiseCommand } from '../reorganisation/reorganise.command';
import { MoveSectionRequest } from './move-section.request.dto';

@DirectoryAdminController(REORGANISATION_REFUSALS)
export class MoveSectionController {
  constructor(private readonly commands: CommandBus) {}

  @Post('sections/:sectionId/move')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Admin: moves a section, its goals and its 課長 to another department from a day',
  })
  @ApiOkResponse({ type: ReorganisedView })
  async moveSection(
    @Param('sectionId', idParam('sectionId')) sectionId: string,
    @Body() body: MoveSectionRequest,
    @WriteContext() ctx: CommandContext,
  ): Promise<ReorganisedView> {
    const { departmentId, effectiveFrom, reason } = body;
    return this.commands.execute(
      new ReorganiseCommand(
        { type: 'MoveSection', data: { sectionId, departmentId, effectiveFrom, reason } },
        'sectionId',
        ctx,
      ),
    );
  }
}
