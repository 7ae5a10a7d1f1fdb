export * from './config/app-config';
export * from './event-store.provider';
export * from './redis.provider';
export * from './infrastructure.module';
export * from './projector/projector.module';
export * from './reminders/reminders.module';
export * from './reminders/reminders.provider';
