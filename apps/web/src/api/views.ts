/**
 * Answers of GETs whose OpenAPI description has no response schema yet (the api's controllers
 * return plain objects). Requests and paths come from schema.d.ts, generated from the document.
 */
import type { components } from './schema';
export type GoalStatus = 'draft' | 'submitted' | 'returned' | 'approved' | 'achievementRecorded' | 'confirmed';

export interface GoalContent {
  title: string;
  category: string;
  targetLevel: string;
  method: string;
  deadlineMonth: number;
  sections: string[];
}

export interface Goal extends GoalContent {
  goalId: string;
  sheetId: string;
  department: string;
  fiscalYear: number;
  fiscalYearLabel: string;
  number: number | null;
  status: GoalStatus;
  revision: number;
  deadline: string;
  achievement: string | null;
  achievementComment: string | null;
  achievementConfirmed: boolean;
  pendingAmendment: { changes: Partial<GoalContent>; reason: string } | null;
  lastReturnReason: string | null;
}

export interface SectionGoal extends GoalContent {
  goalId: string;
  sheetId: string;
  fiscalYear: number;
  number: number | null;
  status: GoalStatus;
  revision: number;
  lastReturnReason: string | null;
}

export interface SheetHeader {
  sheetId: string;
  department: string;
  fiscalYear: number;
  createdOn: string;
  headTitle: string;
  headName: string;
}

export interface SheetRow extends GoalContent {
  number: number;
  goalId: string;
  status: GoalStatus;
  revision: number;
  deadline: string;
  achievement: string | null;
  pendingAmendment: { changes: Partial<GoalContent>; reason: string } | null;
}

export interface Sheet extends SheetHeader {
  fiscalYearLabel: string;
  createdOnWareki: string;
  revision?: number;
  rows: SheetRow[];
}

export interface InboxItem {
  kind: 'submission' | 'amendment' | 'achievement';
  goalId: string;
  sheetId: string;
  title: string;
  sections: string[];
  waitingSince: string;
  revision: number;
  changes?: Partial<GoalContent>;
  level?: string;
}

export interface FieldChange {
  field: string;
  before?: unknown;
  after?: unknown;
}

export interface AuditEntry {
  position: string;
  streamId: string;
  revision: number;
  type: string;
  actor?: { userId: string; role: string; name?: string; post?: string | { kind: string; title?: string } };
  occurredAt?: string;
  goalId?: string;
  sheetId?: string;
  reason?: string;
  comment?: string;
  changes?: FieldChange[];
}

export interface Page<T> {
  items: T[];
  total: number;
  offset: number;
  limit: number;
}

/** Who is signed in (GET /api/v1/me), as the OpenAPI document describes it: a changed answer breaks the build. */
export type Me = components['schemas']['MeResponse'];
