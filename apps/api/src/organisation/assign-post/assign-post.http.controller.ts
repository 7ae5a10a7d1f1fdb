import { Body, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation } from '@nestjs/swagger';
import { CommandContext, WriteContext } from '../../shared/command-context';
import { idFor } from '../../shared/event-envelope';
import { ChangeDirectoryCommand } from '../change-directory.command';
import { DirectoryAdminController } from '../directory-admin.controller';
import { CreatedView } from '../organisation.views';
import { AssignPostRequest } from './assign-post.request.dto';

@DirectoryAdminController()
export class AssignPostController {
  constructor(private readonly commands: CommandBus) {}

  @Post('posts')
  @ApiOperation({
    summary: 'Admin: assigns a post (部長, 課長, 監査, 管理者, 庶務担当) from a day, until a day or open-ended',
  })
  @ApiCreatedResponse({ type: CreatedView })
  async assignPost(@Body() body: AssignPostRequest, @WriteContext() ctx: CommandContext): Promise<CreatedView> {
    const postId = idFor(ctx, 'post');
    const { personId, kind, departmentId, sectionIds, from, until } = body;
    const { revision } = await this.commands.execute(
      new ChangeDirectoryCommand(
        [{ type: 'AssignPost', data: { postId, personId, kind, departmentId, sectionIds, from, until } }],
        ctx,
      ),
    );
    return { id: postId, revision: Number(revision) };
  }
}
