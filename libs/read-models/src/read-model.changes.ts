/**
 * What a projection asks of Redis, as data. Projections return these and never touch Redis; the
 * projector is the one writer that applies them, together with the checkpoint, in one MULTI/EXEC.
 * Keys are relative: the projector puts its key prefix in front, so a rebuild can run beside the
 * live models under another prefix and the two can be compared.
 */
export type Change =
  | { op: 'set'; key: string; value: string }
  | { op: 'del'; key: string }
  | { op: 'hset'; key: string; fields: Record<string, string> }
  | { op: 'zadd'; key: string; score: number; member: string }
  | { op: 'zrem'; key: string; member: string }
  | { op: 'rpush'; key: string; value: string };

/** The read models' key layout, relative to the prefix. One place, shared by projections and queries. */
export const keys = {
  checkpoint: 'checkpoint',
  /** pub/sub channel: the projector says which goals, sheets and departments a batch moved. */
  changesChannel: 'changes',
  parked: 'parked',
  sheet: (sheetId: string) => `sheet:${sheetId}`,
  /** zset: goalId scored by its 番号 on the sheet. */
  sheetNumbers: (sheetId: string) => `sheet:${sheetId}:numbers`,
  /** zset: sheetId scored by fiscal year. */
  sheets: 'sheets',
  sheetsOfDepartment: (department: string) => `sheets:department:${department}`,
  /** string: the goal's view as JSON (also the projection's memory of its current text, for diffs). */
  goal: (goalId: string) => `goal:${goalId}`,
  /** hash: audit entry by event position; the lists below hold positions in global order. */
  auditEntries: 'audit:entries',
  auditOfGoal: (goalId: string) => `audit:goal:${goalId}`,
  auditOfSheet: (sheetId: string) => `audit:sheet:${sheetId}`,
  auditAll: 'audit:all',
  /** zset: goalId scored by the epoch ms since which it waits for the department head. */
  inbox: (department: string) => `inbox:${department}`,
  /** zset: ids of goal events decided by 代決 that the department head has not yet reviewed (後閲), by epoch ms. */
  reviews: (department: string) => `reviews:${department}`,
  /** hash: review item as JSON by the id of the goal event it is about. */
  reviewItems: 'reviews:items',
  /** zset: goalId scored by fiscal year. 共通 goals are under the section name 共通. */
  sectionGoals: (department: string, section: string) => `section:${department}:${section}`,
  /** zset: goalId scored by its deadline as YYYYMMDD, while no achievement is recorded. */
  deadlines: 'deadlines',
  deadlinesOfDepartment: (department: string) => `deadlines:department:${department}`,
} as const;
