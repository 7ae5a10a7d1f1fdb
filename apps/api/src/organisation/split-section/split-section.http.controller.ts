import { Body, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { authorizeDirectoryAdmin } from '@goals/domain';
import { ApiCreatedResponse, ApiOperation } from '@nestjs/swagger';
import { CommandContext, WriteContext } from '../../shared/command-context';
import { idParam } from '../../shared/goal-id.pipe';
import { DirectoryAdminController } from '../directory-admin.controller';
import { REORGANISATION_REFUSALS } from '../reorganisation/reorganisation.views';
import { ReorganisedView } from '../reorganisation/reorganisation.views';
import { ReorganiseCommand, sectionTarget } from '../reorganisation/reorganise.command';
import { SplitSectionRequest } from './split-section.request.dto';

@DirectoryAdminController(REORGANISATION_REFUSALS)
export class SplitSectionController {
  constructor(private readonly commands: CommandBus) {}

  @Post('sections/:sectionId/split')
  @ApiOperation({
    summary: 'Admin: splits a section into two or more (new or existing) from a day; its goals go to each of them',
  })
  @ApiCreatedResponse({ type: ReorganisedView })
  async splitSection(
    @Param('sectionId', idParam('sectionId')) sectionId: string,
    @Body() body: SplitSectionRequest,
    @WriteContext() ctx: CommandContext,
  ): Promise<ReorganisedView> {
    // An administrator's change: anyone else is refused before the body is read further.
    authorizeDirectoryAdmin(ctx.actor);
    const { effectiveFrom, reason, endPosts } = body;
    const into = body.into.map((t, i) => sectionTarget(t, `into.${i}`, ctx));
    return this.commands.execute(
      new ReorganiseCommand(
        { type: 'SplitSection', data: { sectionId, into, effectiveFrom, reason, endPosts } },
        'sectionId',
        ctx,
      ),
    );
  }
}
