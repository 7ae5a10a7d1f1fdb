/**
 * Every query key the application uses, made here and nowhere else. The live updates (lib/live.ts)
 * read a key's first element as its kind and its second as the goal or sheet it is about: a key
 * written by hand elsewhere could silently stop being refreshed when someone else acts.
 */

/** What the api's trail, goal and sheet reads carry: the time a sheet is read at, if not now. */
export type SheetTravel = { asOf: string } | { atPosition: string } | undefined;

export const queryKeys = {
  me: () => ['me'] as const,
  /** One goal, by id. */
  goal: (goalId: string) => ['goal', goalId] as const,
  /** 課長: the goals of my sections, every year. */
  myGoals: () => ['my-goals'] as const,
  /** Sheet headers: all the signed-in person may read, or one department's. */
  sheets: (department?: string) =>
    department === undefined ? (['sheets'] as const) : (['sheets', department] as const),
  /** One sheet, now or as it stood at a time or an event. */
  sheet: (sheetId: string, travel?: SheetTravel) => ['sheet', sheetId, travel] as const,
  /** The audit trail of one goal or one sheet (the live stream names both by id). */
  trail: (goalOrSheetId: string) => ['history', goalOrSheetId] as const,
  inbox: () => ['inbox'] as const,
  delegations: () => ['delegations'] as const,
  delegateCandidates: (day: string) => ['delegate-candidates', day] as const,
  /** The organisation of a fiscal year; without the year, every year's (for refreshing them all). */
  departments: (fiscalYear?: number) =>
    fiscalYear === undefined ? (['departments'] as const) : (['departments', fiscalYear] as const),
  people: () => ['people'] as const,
  lineage: (sectionId?: string, fiscalYear?: number) =>
    sectionId === undefined ? (['lineage'] as const) : (['lineage', sectionId, fiscalYear] as const),
  failedReminders: () => ['failed-reminders'] as const,
  /** A fiscal year's 達成度の区分; without the year, every year's. */
  achievementScale: (fiscalYear?: number) =>
    fiscalYear === undefined ? (['achievement-scale'] as const) : (['achievement-scale', fiscalYear] as const),
};

type Kind = ReturnType<(typeof queryKeys)[keyof typeof queryKeys]>[0];

/** Kinds whose second element names the goal or sheet they are about: refreshed only when it moved. */
const ABOUT_ONE_STREAM: ReadonlySet<Kind> = new Set<Kind>(['goal', 'sheet', 'history']);
/** Kinds no one else's action changes. */
const NOT_LIVE: ReadonlySet<Kind> = new Set<Kind>(['me']);

/**
 * Whether a query must be read again when the live stream says these goals and sheets moved (an
 * empty set: something moved, the stream could not say what).
 */
export function movedBy(queryKey: readonly unknown[], moved: ReadonlySet<string>): boolean {
  const [kind, id] = queryKey as [Kind, unknown];
  if (NOT_LIVE.has(kind)) return false;
  // Lists (inbox, my goals, trails of a sheet) are refetched on any change; one goal or sheet only when it moved.
  if (ABOUT_ONE_STREAM.has(kind) && typeof id === 'string' && moved.size > 0) return moved.has(id);
  return true;
}
