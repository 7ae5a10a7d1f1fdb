import { Module } from '@nestjs/common';
import { DelegationsModule } from '../delegations/delegations.module';
import { GoalsModule } from '../goals/goals.module';
import { AcknowledgeReviewController } from './acknowledge-review/acknowledge-review.http.controller';
import { AcknowledgeReviewHandler } from './acknowledge-review/acknowledge-review.handler';
import { GetInboxController } from './get-inbox/get-inbox.http.controller';
import { GetInboxHandler } from './get-inbox/get-inbox.handler';

/** What waits for the signed-in person: submissions, amendments, achievements to confirm, 後閲 reviews. */
@Module({
  imports: [GoalsModule, DelegationsModule],
  controllers: [GetInboxController, AcknowledgeReviewController],
  providers: [GetInboxHandler, AcknowledgeReviewHandler],
})
export class InboxModule {}
