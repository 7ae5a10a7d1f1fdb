import { Module } from '@nestjs/common';
import { DelegationWorkflow } from './delegation-workflow.service';
import { GrantDelegationController } from './grant-delegation/grant-delegation.http.controller';
import { GrantDelegationHandler } from './grant-delegation/grant-delegation.handler';
import { ListDelegatesController } from './list-delegates/list-delegates.http.controller';
import { ListDelegationsController } from './list-delegations/list-delegations.http.controller';
import { ListDelegationsHandler } from './list-delegations/list-delegations.handler';
import { RevokeDelegationController } from './revoke-delegation/revoke-delegation.http.controller';
import { RevokeDelegationHandler } from './revoke-delegation/revoke-delegation.handler';

/** 代決: a department head delegates decisions for a range of days, lists and revokes delegations. */
@Module({
  controllers: [
    GrantDelegationController,
    ListDelegatesController,
    ListDelegationsController,
    RevokeDelegationController,
  ],
  providers: [DelegationWorkflow, GrantDelegationHandler, ListDelegationsHandler, RevokeDelegationHandler],
  // Goals ask who decides for whom (代決); the inbox records 後閲.
  exports: [DelegationWorkflow],
})
export class DelegationsModule {}
