/**
 * Where the city asks for it (OVERVIEW_RECORD_READS=true), the audit trail records what the planning
 * office (企画担当) opened: it reads every department's work, so a department may want to know who
 * looked at its sheet and when. One event per successful read, in the person's own
 * `planning-reads-<loginId>` stream; it names the sheet or goal, so it shows in that sheet's or
 * goal's trail beside the changes. A read that failed is not recorded, and a failure to record never
 * fails the read (it is logged): reading must not depend on the audit store's health.
 */
import { randomUUID } from 'node:crypto';
import { CallHandler, ExecutionContext, Inject, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { Observable, tap } from 'rxjs';
import { Actor } from '@goals/domain';
import { EVENT_STORE, EventStore } from '@goals/event-store';
import { APP_CONFIG, AppConfig } from '@goals/infrastructure';
import { CLOCK, Clock } from '@goals/platform';

export const PLANNING_READS_STREAM_PREFIX = 'planning-reads-';
export const PLANNING_READ_EVENT_TYPES = ['PlanningOfficeRead'] as const;

interface ReadRequest {
  method: string;
  actor?: Actor;
  params?: Record<string, string>;
  query?: Record<string, unknown>;
  routeOptions?: { url?: string };
}

/** The routes whose reads are recorded, by their route pattern; what each opens. */
const RECORDED: Record<string, string> = {
  '/api/v1/overview': '全庁の状況',
  '/api/v1/overview/years': '全庁の状況（年度比較）',
  '/api/v1/overview/measures': '全庁の状況（施策別）',
  '/api/v1/overview/goals': '全庁の状況（目標の一覧）',
  '/api/v1/overview/export': '全庁の状況（ファイル）',
  '/api/v1/sheets/:sheetId': '整理表',
  '/api/v1/sheets/:sheetId/export': '整理表（ファイル）',
  '/api/v1/goals/:goalId': '目標',
  '/api/v1/goals/:goalId/history': '目標の履歴',
};

@Injectable()
export class PlanningReadsInterceptor implements NestInterceptor {
  private readonly logger = new Logger('PlanningReads');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!this.config.overview.recordPlanningReads || context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<ReadRequest>();
    const opened = RECORDED[request.routeOptions?.url ?? ''];
    if (request.method !== 'GET' || !opened || request.actor?.role !== 'planning') return next.handle();
    const actor = request.actor;
    return next.handle().pipe(tap({ next: () => void this.record(actor, opened, request) }));
  }

  private async record(actor: Actor, opened: string, request: ReadRequest): Promise<void> {
    const id = randomUUID();
    const query = Object.fromEntries(
      Object.entries(request.query ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'),
    );
    try {
      await this.store.append(
        `${PLANNING_READS_STREAM_PREFIX}${actor.userId}`,
        [
          {
            id,
            type: 'PlanningOfficeRead',
            data: {
              opened,
              ...(request.params?.sheetId ? { sheetId: request.params.sheetId } : {}),
              ...(request.params?.goalId ? { goalId: request.params.goalId } : {}),
              ...(Object.keys(query).length ? { query } : {}),
            },
            metadata: {
              actor: { userId: actor.userId, role: actor.role },
              ...(actor.post ? { post: actor.post } : {}),
              occurredAt: this.clock.now().toISOString(),
              correlationId: id,
              causationId: id,
              schemaVersion: 1,
            },
          },
        ],
        { expectedRevision: 'any' },
      );
    } catch (error) {
      this.logger.error(`could not record that ${actor.userId} opened ${opened}: ${String(error)}`);
    }
  }
}
