import { DynamicModule, Module } from '@nestjs/common';
import { InfrastructureModule, InfrastructureOptions } from '../../api/src/infrastructure/infrastructure.module';
import { ProjectorModule } from './projector/projector.module';
import { remindersFromConfig } from './reminders/reminders.provider';

/** The worker process: projector (and reminders), without HTTP. Scales out by queue. */
@Module({})
export class WorkerModule {
  static forRoot(options: InfrastructureOptions): DynamicModule {
    return {
      module: WorkerModule,
      imports: [InfrastructureModule.forRoot(options), ProjectorModule.register(), remindersFromConfig()],
    };
  }
}
