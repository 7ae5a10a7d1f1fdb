import { Body, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CommandContext, WriteContext } from '../../shared/command-context';
import { ChangeDirectoryCommand } from '../change-directory.command';
import { DirectoryAdminController } from '../directory-admin.controller';
import { ChangedView } from '../organisation.views';
import { MergePersonRequest } from './merge-person.request.dto';

@DirectoryAdminController()
export class MergePersonController {
  constructor(private readonly commands: CommandBus) {}

  @Post('people/:personId/merge')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Admin: merges a person registered twice into the one kept; the posts follow, the duplicate can no longer sign in',
  })
  @ApiOkResponse({ type: ChangedView })
  async mergePerson(
    @Param('personId', new ParseUUIDPipe()) personId: string,
    @Body() body: MergePersonRequest,
    @WriteContext() ctx: CommandContext,
  ): Promise<ChangedView> {
    const { revision } = await this.commands.execute(
      new ChangeDirectoryCommand(
        [{ type: 'MergePerson', data: { personId, intoPersonId: body.intoPersonId, reason: body.reason } }],
        ctx,
      ),
    );
    return { revision: Number(revision) };
  }
}
