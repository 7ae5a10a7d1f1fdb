import { Module } from '@nestjs/common';
import { GetInboxController } from './get-inbox/get-inbox.http.controller';
import { GetInboxHandler } from './get-inbox/get-inbox.handler';

/** What waits for the signed-in person: submissions, amendments, achievements to confirm. */
@Module({ controllers: [GetInboxController], providers: [GetInboxHandler] })
export class InboxModule {}
