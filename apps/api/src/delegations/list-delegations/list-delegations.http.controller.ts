import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Actor } from '@goals/domain';
import { CurrentActor } from '../../auth/auth.guard';
import { DelegationListView, ProblemView } from '../delegation.views';
import { ListDelegationsQuery } from './list-delegations.query';

@ApiTags('delegations')
@ApiBearerAuth()
@Controller('delegations')
export class ListDelegationsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    summary:
      'Delegations in force today or later: a department head their own department’s, an administrator all, anyone else those naming them as delegate',
  })
  @ApiQuery({
    name: 'department',
    required: false,
    description: 'one department; default all (a department head: their own)',
  })
  @ApiOkResponse({ type: DelegationListView })
  @ApiForbiddenResponse({ type: ProblemView })
  listDelegations(@CurrentActor() actor: Actor, @Query('department') department?: string): Promise<DelegationListView> {
    return this.queries.execute(
      new ListDelegationsQuery(actor, typeof department === 'string' && department ? department : undefined),
    );
  }
}
