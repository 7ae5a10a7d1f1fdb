import { ExistingGoal, GoalContent, ImportedStep, SheetHeader } from '@goals/domain';

/** A goal as the read side shows it: the domain's state plus where it stands in its stream. */
export type GoalView = ExistingGoal & {
  /** Stream revision of the last event applied: what a client sends back as If-Match. */
  revision: number;
  /** occurredAt of the last event applied. */
  updatedAt: string;
};

export interface GoalDetail extends GoalView {
  /** 番号 on its sheet; undefined until the sheet registers it. */
  number?: number;
}

export type InboxKind = 'submission' | 'amendment' | 'achievement';

export interface InboxItem {
  kind: InboxKind;
  goalId: string;
  sheetId: string;
  title: string;
  /** Section ids (or 共通): named as of `fiscalYear` by whoever shows the item. */
  sections: string[];
  fiscalYear: number;
  /** When it started waiting for the department head (ISO-8601). */
  waitingSince: string;
  revision: number;
  /** The requested change, for an amendment. */
  changes?: Partial<GoalContent>;
  /** The recorded level, for an achievement to confirm. */
  level?: string;
}

/** A decision a delegate took for the department head (代決), waiting for the head to read it (後閲). */
export interface ReviewItem {
  kind: 'review';
  /** The id of the goal event the decision wrote: what the head acknowledges. */
  reviewId: string;
  goalId: string;
  sheetId: string;
  title: string;
  /** GoalApproved, GoalReturned, GoalAmendmentApproved, GoalAmendmentReturned or AchievementConfirmed. */
  decision: string;
  /** Login id of the delegate who decided. */
  decidedBy: string;
  /** Login id of the head on whose behalf. */
  onBehalfOf: string;
  delegationId?: string;
  reason?: string;
  comment?: string;
  /** When the decision was taken (ISO-8601): since then it waits for the head. */
  waitingSince: string;
}

export interface FieldChange {
  field: string;
  before?: unknown;
  after?: unknown;
}

/** One line of the audit trail: who, when, what changed, why. */
export interface AuditEntry {
  /** Global position, as a decimal string (positions are opaque and may exceed 2^53). */
  position: string;
  streamId: string;
  revision: number;
  type: string;
  actor?: { userId: string; role: string };
  /** 代決: the department head on whose behalf the actor decided. */
  onBehalfOf?: string;
  /** 取込み: the step was taken from this file (the actor is who imported it), not taken in the service. */
  imported?: ImportedStep;
  occurredAt?: string;
  correlationId?: string;
  goalId?: string;
  sheetId?: string;
  /** The goal's fiscal year: section ids in `changes` are named as of it. */
  fiscalYear?: number;
  reason?: string;
  comment?: string;
  changes?: FieldChange[];
}

export interface SheetRow {
  number: number;
  goalId: string;
  status: GoalView['status'];
  content: GoalContent;
  /** 達成状況 as the sheet prints it: the confirmed level, else the recorded one. */
  achievement?: string;
  pendingAmendment?: GoalView['pendingAmendment'];
  revision: number;
}

export interface SheetView {
  header: SheetHeader;
  rows: SheetRow[];
}

export interface ParkedEvent {
  position: string;
  streamId: string;
  revision: number;
  type: string;
  error: string;
}

export function printedAchievement(goal: Pick<ExistingGoal, 'achievement' | 'confirmedLevel'>): string | undefined {
  return goal.confirmedLevel ?? goal.achievement?.level;
}

/** One publication (公表) as the lists show it; its content is read from its event. */
export interface PublicationListing {
  publicationId: string;
  sheetId: string;
  departmentId: string;
  /** The department's name in the sheet's fiscal year, as published. */
  department: string;
  fiscalYear: number;
  kind: 'setting' | 'midterm' | 'result';
  version: number;
  /** The store position the sheet was read at. */
  position: string;
  publishedAt: string;
  contentHash: string;
  goalCount: number;
  /** Position of the publication's own event. */
  eventPosition: string;
}
