/**
 * The query side: reads the models the projector wrote. Nothing here writes, and nothing but the
 * audit trail reads the event store (a page of it, by position), so a query costs a few round trips
 * however long the history is.
 */
import type { Redis } from 'ioredis';
import { SheetHeader } from '@goals/domain';
import { EventStore } from '@goals/event-store';
import { AuditTrailReader } from './audit-trail.reader';
import { decodeGoalView } from './goal-view.codec';
import { keys } from './read-model.changes';
import { inboxKind } from './goal.projection';
import {
  AuditEntry,
  GoalDetail,
  GoalView,
  InboxItem,
  ParkedEvent,
  PublicationListing,
  printedAchievement,
  ReviewItem,
  SheetView,
} from './read-model.views';

export interface Page<T> {
  items: T[];
  total: number;
  offset: number;
  limit: number;
}

export interface PageRequest {
  offset?: number;
  limit?: number;
}

export type HistoryScope = { goalId: string } | { sheetId: string } | { all: true };

const MAX_LIMIT = 500;

export class ReadModelQueries {
  private readonly trail?: AuditTrailReader;

  /** `store`: where the audit trail's entries are read from (Redis keeps only their positions). */
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    store?: EventStore,
  ) {
    this.trail = store && new AuditTrailReader(store);
  }

  private key(relative: string): string {
    return this.prefix + relative;
  }

  async sheetHeader(sheetId: string): Promise<SheetHeader | null> {
    const h = await this.redis.hgetall(this.key(keys.sheet(sheetId)));
    if (!h.sheetId) return null;
    return {
      sheetId: h.sheetId,
      departmentId: h.departmentId,
      fiscalYear: Number(h.fiscalYear),
      createdOn: h.createdOn,
      headTitle: h.headTitle,
      headName: h.headName,
    };
  }

  /** Every publication (公表), oldest year first, then department, kind and version. */
  async publications(): Promise<PublicationListing[]> {
    const all = Object.values(await this.redis.hgetall(this.key(keys.publications))).map(
      (json) => JSON.parse(json) as PublicationListing,
    );
    const kinds = ['setting', 'midterm', 'result'];
    return all.sort(
      (a, b) =>
        a.fiscalYear - b.fiscalYear ||
        a.departmentId.localeCompare(b.departmentId) ||
        kinds.indexOf(a.kind) - kinds.indexOf(b.kind) ||
        a.version - b.version,
    );
  }

  /** Header and rows in 番号 order, each with its state. */
  async sheet(sheetId: string): Promise<SheetView | null> {
    const header = await this.sheetHeader(sheetId);
    if (!header) return null;
    const numbered = await this.redis.zrange(this.key(keys.sheetNumbers(sheetId)), 0, -1, 'WITHSCORES');
    const goalIds = numbered.filter((_, i) => i % 2 === 0);
    const goals = await this.goalViews(goalIds);
    const rows = goalIds.flatMap((goalId, i) => {
      const goal = goals[i];
      // A goal registered on the sheet but not yet projected (its draft comes in a later batch) waits;
      // a deleted draft is off the sheet, and its 番号 stays unused.
      if (!goal || goal.status === 'deleted') return [];
      return [
        {
          number: Number(numbered[2 * i + 1]),
          goalId,
          status: goal.status,
          content: goal.content,
          achievement: printedAchievement(goal),
          pendingAmendment: goal.pendingAmendment,
          revision: goal.revision,
        },
      ];
    });
    return { header, rows };
  }

  async goal(goalId: string): Promise<GoalDetail | null> {
    const [goal] = await this.goalViews([goalId]);
    if (!goal) return null;
    const number = await this.redis.zscore(this.key(keys.sheetNumbers(goal.sheetId)), goalId);
    return number === null ? goal : { ...goal, number: Number(number) };
  }

  /** The audit trail of a goal, a sheet or the whole store, oldest first. */
  async history(scope: HistoryScope, page: PageRequest = {}): Promise<Page<AuditEntry>> {
    if (!this.trail) throw new Error('the audit trail is read from the event store: give ReadModelQueries the store');
    const list = this.key(
      'goalId' in scope
        ? keys.auditOfGoal(scope.goalId)
        : 'sheetId' in scope
          ? keys.auditOfSheet(scope.sheetId)
          : keys.auditAll,
    );
    const { offset, limit } = bounds(page);
    const [total, positions] = await Promise.all([
      this.redis.llen(list),
      this.redis.lrange(list, offset, offset + limit - 1),
    ]);
    return {
      items: await this.trail.entries(positions.map(BigInt)),
      total,
      offset,
      limit,
    };
  }

  /** What waits for the head of a department (by id), longest waiting first. */
  async inbox(departmentId: string): Promise<InboxItem[]> {
    const waiting = await this.redis.zrange(this.key(keys.inbox(departmentId)), 0, -1, 'WITHSCORES');
    const goalIds = waiting.filter((_, i) => i % 2 === 0);
    const goals = await this.goalViews(goalIds);
    return goalIds.flatMap((goalId, i) => {
      const goal = goals[i];
      const kind = goal && inboxKind(goal);
      if (!goal || !kind) return [];
      const item: InboxItem = {
        kind,
        goalId,
        sheetId: goal.sheetId,
        title: goal.content.title,
        sections: goal.content.sections,
        fiscalYear: goal.fiscalYear,
        waitingSince: new Date(Number(waiting[2 * i + 1])).toISOString(),
        revision: goal.revision,
      };
      if (kind === 'amendment') item.changes = goal.pendingAmendment!.changes;
      if (kind === 'achievement') item.level = goal.achievement?.level;
      return [item];
    });
  }

  /** Decisions taken for the head of a department by 代決 that the head has not yet reviewed (後閲), oldest first. */
  async reviews(departmentId: string): Promise<ReviewItem[]> {
    const ids = await this.redis.zrange(this.key(keys.reviews(departmentId)), 0, -1);
    const items = ids.length ? await this.redis.hmget(this.key(keys.reviewItems), ...ids) : [];
    return items.filter((i): i is string => i !== null).map((i) => JSON.parse(i) as ReviewItem);
  }

  /** One review item, acknowledged or not: where the decision it names was taken. */
  async review(reviewId: string): Promise<ReviewItem | null> {
    const item = await this.redis.hget(this.key(keys.reviewItems), reviewId);
    return item === null ? null : (JSON.parse(item) as ReviewItem);
  }

  /** A section's goals (department and section by id), and optionally the department's 共通 goals. */
  async sectionGoals(
    departmentId: string,
    section: string,
    options: { fiscalYear?: number; includeCommon?: boolean } = {},
  ): Promise<GoalDetail[]> {
    const sections = options.includeCommon && section !== '共通' ? [section, '共通'] : [section];
    const min = options.fiscalYear ?? '-inf';
    const max = options.fiscalYear ?? '+inf';
    const lists = await Promise.all(
      sections.map((s) => this.redis.zrangebyscore(this.key(keys.sectionGoals(departmentId, s)), min, max)),
    );
    const goalIds = [...new Set(lists.flat())];
    const goals = (await this.goalViews(goalIds)).filter((g): g is GoalView => g !== null);
    const numbers = await Promise.all(
      goals.map((g) => this.redis.zscore(this.key(keys.sheetNumbers(g.sheetId)), g.goalId)),
    );
    const details: GoalDetail[] = goals.map((g, i) => (numbers[i] === null ? g : { ...g, number: Number(numbers[i]) }));
    return details.sort(
      (a, b) =>
        b.fiscalYear - a.fiscalYear ||
        a.sheetId.localeCompare(b.sheetId) ||
        (a.number ?? Infinity) - (b.number ?? Infinity),
    );
  }

  /** Sheets, newest fiscal year first, optionally of one department and/or one fiscal year. */
  async sheets(filter: { departmentId?: string; fiscalYear?: number } & PageRequest = {}): Promise<Page<SheetHeader>> {
    const key = this.key(filter.departmentId ? keys.sheetsOfDepartment(filter.departmentId) : keys.sheets);
    const { offset, limit } = bounds(filter);
    const max = filter.fiscalYear ?? '+inf';
    const min = filter.fiscalYear ?? '-inf';
    const [total, sheetIds] = await Promise.all([
      this.redis.zcount(key, min, max),
      this.redis.zrevrangebyscore(key, max, min, 'LIMIT', offset, limit),
    ]);
    const headers = await Promise.all(sheetIds.map((id) => this.sheetHeader(id)));
    return { items: headers.filter((h): h is SheetHeader => h !== null), total, offset, limit };
  }

  /** Goals without a recorded achievement whose いつまで falls between two civil dates (inclusive). */
  async upcomingDeadlines(options: {
    from: string;
    to?: string;
    departmentId?: string;
    limit?: number;
  }): Promise<Array<GoalDetail & { deadline: string }>> {
    const key = this.key(options.departmentId ? keys.deadlinesOfDepartment(options.departmentId) : keys.deadlines);
    const score = (d: string) => Number(d.replace(/-/g, ''));
    const found = await this.redis.zrangebyscore(
      key,
      score(options.from),
      options.to ? score(options.to) : '+inf',
      'WITHSCORES',
      'LIMIT',
      0,
      Math.min(options.limit ?? 100, MAX_LIMIT),
    );
    const goalIds = found.filter((_, i) => i % 2 === 0);
    const goals = await this.goalViews(goalIds);
    return goals.flatMap((g, i) => {
      if (!g) return [];
      const s = found[2 * i + 1];
      return [{ ...g, deadline: `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}` }];
    });
  }

  async parked(): Promise<ParkedEvent[]> {
    return (await this.redis.lrange(this.key(keys.parked), 0, -1)).map((p) => JSON.parse(p) as ParkedEvent);
  }

  /** The last position applied, for the health check's lag. */
  async checkpoint(): Promise<bigint | undefined> {
    const stored = await this.redis.get(this.key(keys.checkpoint));
    return stored === null ? undefined : BigInt(stored);
  }

  private async goalViews(goalIds: string[]): Promise<Array<GoalView | null>> {
    if (goalIds.length === 0) return [];
    const values = await this.redis.mget(goalIds.map((g) => this.key(keys.goal(g))));
    return values.map((v) => (v === null ? null : decodeGoalView(v)));
  }
}

function bounds(page: PageRequest): { offset: number; limit: number } {
  const offset = Math.max(0, Math.floor(page.offset ?? 0));
  const limit = Math.min(MAX_LIMIT, Math.max(1, Math.floor(page.limit ?? 50)));
  return { offset, limit };
}
