import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CommandContext, WriteContext } from '../../shared/command-context';
import { idParam } from '../../shared/goal-id.pipe';
import { DirectoryAdminController } from '../directory-admin.controller';
import { REORGANISATION_REFUSALS } from '../reorganisation/reorganisation.views';
import { ReorganisedView } from '../reorganisation/reorganisation.views';
import { ReorganiseCommand } from '../reorganisation/reorganise.command';
import { AbolishSectionRequest } from './abolish-section.request.dto';

@DirectoryAdminController(REORGANISATION_REFUSALS)
export class AbolishSectionController {
  constructor(private readonly commands: CommandBus) {}

  @Post('sections/:sectionId/abolish')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Admin: abolishes a section from a day, with no successor (refused while a goal of that year needs one)',
  })
  @ApiOkResponse({ type: ReorganisedView })
  async abolishSection(
    @Param('sectionId', idParam('sectionId')) sectionId: string,
    @Body() body: AbolishSectionRequest,
    @WriteContext() ctx: CommandContext,
  ): Promise<ReorganisedView> {
    const { effectiveFrom, reason, endPosts } = body;
    return this.commands.execute(
      new ReorganiseCommand(
        { type: 'AbolishSection', data: { sectionId, effectiveFrom, reason, endPosts } },
        'sectionId',
        ctx,
      ),
    );
  }
}
