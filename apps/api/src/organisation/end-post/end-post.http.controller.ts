import { Body, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CommandContext, WriteContext } from '../../shared/command-context';
import { ChangeDirectoryCommand } from '../change-directory.command';
import { DirectoryAdminController } from '../directory-admin.controller';
import { ChangedView } from '../organisation.views';
import { EndPostRequest } from './end-post.request.dto';

@DirectoryAdminController()
export class EndPostController {
  constructor(private readonly commands: CommandBus) {}

  @Post('posts/:postId/end')
  @HttpCode(200)
  @ApiOperation({ summary: 'Admin: ends a post on a day (the last day it is held)' })
  @ApiOkResponse({ type: ChangedView })
  async endPost(
    @Param('postId', new ParseUUIDPipe()) postId: string,
    @Body() body: EndPostRequest,
    @WriteContext() ctx: CommandContext,
  ): Promise<ChangedView> {
    const { revision } = await this.commands.execute(
      new ChangeDirectoryCommand([{ type: 'EndPost', data: { postId, until: body.until } }], ctx),
    );
    return { revision: Number(revision) };
  }
}
