import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CommandContext, WriteContext } from '../../shared/command-context';
import { idParam } from '../../shared/goal-id.pipe';
import { WriteRequest } from '../../shared/write.request.dto';
import { Reply, withRevision } from '../../shared/write.response';
import { DelegationWriteView, ProblemView } from '../delegation.views';
import { RevokeDelegationCommand } from './revoke-delegation.command';

@ApiTags('delegations')
@ApiBearerAuth()
@Controller('delegations')
export class RevokeDelegationController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':delegationId/revoke')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Department head: ends a delegation early; from today the delegate no longer decides for you',
  })
  @ApiOkResponse({ type: DelegationWriteView })
  @ApiForbiddenResponse({ type: ProblemView })
  @ApiNotFoundResponse({ type: ProblemView, description: 'no such delegation in your department' })
  @ApiConflictResponse({ type: ProblemView, description: 'already revoked or ended' })
  async revokeDelegation(
    @Param('delegationId', idParam('delegationId')) delegationId: string,
    @Body() _body: WriteRequest,
    @WriteContext() ctx: CommandContext,
    @Res({ passthrough: true }) reply: Reply,
  ) {
    const written = await this.commands.execute<
      RevokeDelegationCommand,
      { delegationId: string; department: string; departmentId: string; revision: number }
    >(new RevokeDelegationCommand(delegationId, ctx));
    return withRevision(reply, { ...written, revision: BigInt(written.revision) });
  }
}
