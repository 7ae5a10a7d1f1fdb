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
  @ApiOperation({ summary: 'Department head (own department) and administrator: delegations in force today or later' })
  @ApiQuery({ name: 'department', required: false, description: 'administrator: one department; default all' })
  @ApiOkResponse({ type: DelegationListView })
  @ApiForbiddenResponse({ type: ProblemView })
  listDelegations(@CurrentActor() actor: Actor, @Query('department') department?: string): Promise<DelegationListView> {
    return this.queries.execute(
      new ListDelegationsQuery(actor, typeof department === 'string' && department ? department : undefined),
    );
  }
}
