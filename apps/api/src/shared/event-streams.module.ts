import { Global, Module } from '@nestjs/common';
import { EventStreams } from './event-streams';

/** The one write path, for every capability: imported once, by the app. */
@Global()
@Module({ providers: [EventStreams], exports: [EventStreams] })
export class EventStreamsModule {}
