import { DynamicModule, Module } from '@nestjs/common';
import {
  InfrastructureModule,
  InfrastructureOptions,
  ProjectorModule,
  remindersFromConfig,
} from '@goals/infrastructure';

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
