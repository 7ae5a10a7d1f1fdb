/**
 * The reads more than one feature needs (a feature's own reads live in its api.ts): the city's sheets,
 * a goal's or a sheet's trail, the delegations, the organisation of a year and its people. Each is
 * read once and kept fresh by the live stream.
 */
import { useQuery } from '@tanstack/react-query';
import { api, ok, read } from './client';
import { queryKeys } from './query-keys';
import type { components } from './schema';
import type { Me } from './views';

export type DepartmentsView = components['schemas']['DepartmentsView'];
export type DepartmentView = components['schemas']['DepartmentView'];
export type PersonView = components['schemas']['PersonView'];
export type PostView = components['schemas']['PostView'];
export type PostKind = PostView['kind'];

export const POST_KIND_LABEL: Record<PostKind, string> = {
  departmentHead: '部長',
  sectionHead: '課長',
  auditor: '監査',
  admin: '管理者',
  clerk: '庶務担当',
  planning: '企画担当',
};

/** Held on the day: from its first day to its last (open-ended without one). */
export function heldOn(post: Pick<PostView, 'from' | 'until'>, day: string): boolean {
  return post.from <= day && (post.until === undefined || day <= post.until);
}

/** A fiscal year's 達成度の区分: the levels a goal of the year is rated on, which count as achieved, 評価不能. */
export function useAchievementScale(fiscalYear: number | undefined) {
  return useQuery({
    queryKey: queryKeys.achievementScale(fiscalYear ?? 0),
    enabled: fiscalYear !== undefined,
    queryFn: async () =>
      (await ok(
        api.GET('/api/v1/achievement-scales/{fiscalYear}', { params: { path: { fiscalYear: fiscalYear! } } }),
      ))!,
  });
}

/** Who is signed in; read again to extend the session (every request starts its idle time again). */
export function useSignedIn() {
  return useQuery({ queryKey: queryKeys.me(), queryFn: async () => (await ok(api.GET('/api/v1/me'))) as Me });
}

export function useDepartments(fiscalYear: number) {
  return useQuery({
    queryKey: queryKeys.departments(fiscalYear),
    queryFn: async () =>
      (await ok(api.GET('/api/v1/departments', { params: { query: { fiscalYear: String(fiscalYear) } } })))!,
  });
}

export function usePeople(enabled = true) {
  return useQuery({
    queryKey: queryKeys.people(),
    enabled,
    queryFn: async () => (await ok(api.GET('/api/v1/admin/people')))!.people,
  });
}

/** The sheets the signed-in person may read (every department's for most), or one department's. */
export function useSheets(department?: string) {
  return useQuery({
    queryKey: queryKeys.sheets(department),
    queryFn: () =>
      read(
        api.GET('/api/v1/sheets', {
          params: { query: department === undefined ? { limit: '200' } : { department } },
        }),
      ),
  });
}

/** The delegations in force today or later, as the 部長 (their department's) or the 管理者 (every one) reads them. */
export function useDelegations(enabled = true) {
  return useQuery({
    queryKey: queryKeys.delegations(),
    enabled,
    queryFn: () => read(api.GET('/api/v1/delegations')),
  });
}

/** A goal's history, oldest first: the goal page's timeline and its diffs read the same request. */
export function useGoalTrail(goalId: string) {
  return useQuery({
    queryKey: queryKeys.trail(goalId),
    queryFn: () => read(api.GET('/api/v1/audit/trail', { params: { query: { goalId, limit: '200' } } })),
  });
}

/** The trail pages the api hands out (at most 200 events each) and how many the audit page reads at most. */
const PAGE = 200;
const MOST = 2000;

/**
 * A sheet's whole trail, oldest first (page by page, up to 2,000 events): the audit page's timeline and
 * event picker, and the time-travelled sheet's banner, read the same query.
 */
export function useSheetTrail(sheetId: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.trail(sheetId),
    enabled: enabled && Boolean(sheetId),
    queryFn: async () => {
      const first = await read(api.GET('/api/v1/audit/trail', { params: { query: { sheetId, limit: String(PAGE) } } }));
      const items = [...first.items];
      while (items.length < Math.min(first.total, MOST)) {
        const next = await read(
          api.GET('/api/v1/audit/trail', {
            params: { query: { sheetId, offset: String(items.length), limit: String(PAGE) } },
          }),
        );
        if (next.items.length === 0) break;
        items.push(...next.items);
      }
      return { items, total: first.total };
    },
  });
}
