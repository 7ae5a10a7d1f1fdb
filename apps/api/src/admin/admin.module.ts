import { Module } from '@nestjs/common';
import { RebuildReadModelsController } from './rebuild-read-models/rebuild-read-models.http.controller';
import { RemindersAdminController } from './reminders/reminders-admin.http.controller';

/** The administrator's operations: rebuilding read models, failed reminders. */
@Module({ controllers: [RebuildReadModelsController, RemindersAdminController] })
export class AdminModule {}
