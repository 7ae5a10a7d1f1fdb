export * from './reminders.options';
export * from './redis-connection';
export * from './goal-reminder-state.reader';
export * from './reminder-job';
export * from './reminder-message';
export * from './notification-channel';
export * from './reminder-scheduler';
export * from './reminder-notifier';
