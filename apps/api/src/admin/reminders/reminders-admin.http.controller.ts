import { Body, Controller, Get, HttpCode, Inject, Optional, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { Actor, IllegalTransition } from '@goals/domain';
import { withinRedisDeadline } from '@goals/redis';
import { ReminderNotifier, ReminderScheduler } from '@goals/reminders';
import { APP_CONFIG, AppConfig } from '@goals/infrastructure';
import { CurrentActor } from '../../auth/auth.guard';
import { assertAdmin } from '../../shared/read-access';
import { IsPlainText } from '../../http/plain-text.validator';
import { ApiAnswers } from '../../http/openapi.schemas';

export class RetryRemindersRequest {
  @ApiPropertyOptional({ description: 'One failed reminder; all of them when left out' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  @IsPlainText()
  jobId?: string;
}

/** Failed deliveries stay visible until an admin retries them: nobody should miss a reminder silently. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/reminders')
export class RemindersAdminController {
  constructor(
    @Optional() private readonly notifier?: ReminderNotifier,
    @Optional() private readonly scheduler?: ReminderScheduler,
    @Optional() @Inject(APP_CONFIG) private readonly config?: AppConfig,
  ) {}

  /** BullMQ's connections wait for Redis by design; a person does not: 503 after the request-path bound. */
  private bounded<T>(work: Promise<T>): Promise<T> {
    return withinRedisDeadline(work, this.config?.redisCommandTimeoutMs ?? 2000);
  }

  private here(actor: Actor, options: { writes: boolean }) {
    assertAdmin(actor, 'manages reminder deliveries', options);
    if (!this.notifier || !this.scheduler)
      throw new IllegalTransition(
        'ManageReminders',
        'reminders in the worker',
        'reminders run in the worker process here, not in this one',
        'この構成では通知はワーカーが送っています。ワーカーの側で操作してください',
      );
    return { notifier: this.notifier, scheduler: this.scheduler };
  }

  @ApiAnswers('FailedReminders')
  @Get('failed')
  @ApiOperation({ summary: 'Admin: reminders whose delivery failed after every retry' })
  async failed(@CurrentActor() actor: Actor) {
    return { items: await this.bounded(this.here(actor, { writes: false }).notifier.listFailed()) };
  }

  @ApiAnswers('RetriedReminders')
  @Post('retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Admin: tries failed reminders again' })
  async retry(@CurrentActor() actor: Actor, @Body() body: RetryRemindersRequest) {
    return { retried: await this.bounded(this.here(actor, { writes: true }).notifier.retryFailed(body.jobId)) };
  }

  @ApiAnswers('RebuildResult')
  @Post('rebuild')
  @HttpCode(200)
  @ApiOperation({ summary: 'Admin: rebuilds the reminder schedule from the events (idempotent)' })
  async rebuild(@CurrentActor() actor: Actor) {
    return this.here(actor, { writes: true }).scheduler.rebuild();
  }
}
