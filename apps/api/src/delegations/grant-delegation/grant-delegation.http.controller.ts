import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CommandContext, WriteContext } from '../../shared/command-context';
import { Reply, withRevision } from '../../shared/write.response';
import { DelegationWriteView, ProblemView } from '../delegation.views';
import { GrantDelegationCommand } from './grant-delegation.command';
import { GrantDelegationRequest } from './grant-delegation.request.dto';

@ApiTags('delegations')
@ApiBearerAuth()
@Controller('delegations')
export class GrantDelegationController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @ApiOperation({
    summary: 'Department head: delegates approve, return and 実績確認 to a named person for a range of days (代決)',
    description:
      'The delegate decides as themselves; each decision records on whose behalf and waits in your inbox for review (後閲).',
  })
  @ApiCreatedResponse({ type: DelegationWriteView })
  @ApiBadRequestResponse({
    type: ProblemView,
    description: 'self-delegation, an auditor or administrator, an unknown person, bad dates',
  })
  @ApiForbiddenResponse({ type: ProblemView, description: 'only the head of a department delegates' })
  @ApiConflictResponse({ type: ProblemView, description: 'the days overlap another delegation of the department' })
  async grantDelegation(
    @Body() body: GrantDelegationRequest,
    @WriteContext() ctx: CommandContext,
    @Res({ passthrough: true }) reply: Reply,
  ) {
    const written = await this.commands.execute<
      GrantDelegationCommand,
      { delegationId: string; department: string; departmentId: string; revision: number }
    >(new GrantDelegationCommand(body, ctx));
    return withRevision(reply, { ...written, revision: BigInt(written.revision) });
  }
}
