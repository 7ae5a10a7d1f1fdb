import { Module } from '@nestjs/common';
import { LiveChanges } from './stream-changes/live-changes.service';
import { StreamChangesController } from './stream-changes/stream-changes.http.controller';

/** The web application's live view: read-model changes as the projector publishes them. */
@Module({ controllers: [StreamChangesController], providers: [LiveChanges] })
export class LiveModule {}
