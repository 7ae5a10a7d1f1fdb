import { Body, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { authorizeDirectoryAdmin } from '@goals/domain';
import { ApiCreatedResponse, ApiOperation } from '@nestjs/swagger';
import { CommandContext, WriteContext } from '../../shared/command-context';

import { DirectoryAdminController } from '../directory-admin.controller';
import { REORGANISATION_REFUSALS } from '../reorganisation/reorganisation.views';
import { ReorganisedView } from '../reorganisation/reorganisation.views';
import { ReorganiseCommand, sectionTarget } from '../reorganisation/reorganise.command';
import { MergeSectionsRequest } from './merge-sections.request.dto';

@DirectoryAdminController(REORGANISATION_REFUSALS)
export class MergeSectionsController {
  constructor(private readonly commands: CommandBus) {}

  @Post('sections/merge')
  @ApiOperation({
    summary: 'Admin: merges sections into one (new or existing) from a day; their work and goals go to it',
  })
  @ApiCreatedResponse({ type: ReorganisedView })
  async mergeSections(
    @Body() body: MergeSectionsRequest,
    @WriteContext() ctx: CommandContext,
  ): Promise<ReorganisedView> {
    // An administrator's change: anyone else is refused before the body is read further.
    authorizeDirectoryAdmin(ctx.actor);
    const { sectionIds, effectiveFrom, reason, endPosts } = body;
    const into = sectionTarget(body.into, 'into', ctx);
    return this.commands.execute(
      new ReorganiseCommand(
        { type: 'MergeSections', data: { sectionIds, into, effectiveFrom, reason, endPosts } },
        'sectionIds',
        ctx,
      ),
    );
  }
}
