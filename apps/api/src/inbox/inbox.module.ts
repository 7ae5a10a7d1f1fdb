import { Module } from '@nestjs/common';
import { WorkflowsModule } from '../shared/workflows.module';
import { AcknowledgeReviewController } from './acknowledge-review/acknowledge-review.http.controller';
import { AcknowledgeReviewHandler } from './acknowledge-review/acknowledge-review.handler';
import { GetInboxController } from './get-inbox/get-inbox.http.controller';
import { GetInboxHandler } from './get-inbox/get-inbox.handler';

/** What waits for the signed-in person: submissions, amendments, achievements to confirm, 後閲 reviews. */
@Module({
  imports: [WorkflowsModule],
  controllers: [GetInboxController, AcknowledgeReviewController],
  providers: [GetInboxHandler, AcknowledgeReviewHandler],
})
export class InboxModule {}
