import { Body, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CommandContext, WriteContext } from '../../shared/command-context';
import { ChangeDirectoryCommand } from '../change-directory.command';
import { DirectoryAdminController } from '../directory-admin.controller';
import { ChangedView } from '../organisation.views';
import { ChangeLoginIdRequest } from './change-login-id.request.dto';

@DirectoryAdminController()
export class ChangeLoginIdController {
  constructor(private readonly commands: CommandBus) {}

  /**
   * Sessions and tokens name the login id: once it changes, the old one names nobody, so they are
   * refused; the old id is never given again, so they can never name someone else either.
   */
  @Post('people/:personId/login-id')
  @HttpCode(200)
  @ApiOperation({
    summary: "Admin: changes a person's login id (recorded with the reason; sessions and tokens of the old id refused)",
  })
  @ApiOkResponse({ type: ChangedView })
  async changeLoginId(
    @Param('personId', new ParseUUIDPipe()) personId: string,
    @Body() body: ChangeLoginIdRequest,
    @WriteContext() ctx: CommandContext,
  ): Promise<ChangedView> {
    const { revision } = await this.commands.execute(
      new ChangeDirectoryCommand(
        [{ type: 'ChangeLoginId', data: { personId, loginId: body.loginId, reason: body.reason } }],
        ctx,
      ),
    );
    return { revision: Number(revision) };
  }
}
