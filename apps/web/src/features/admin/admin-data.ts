/** What the administrator's screens share: the organisation and the people, read once and kept fresh by the live stream. */
import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import type { components } from '../../api/schema';

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

/** Today in Asia/Tokyo as YYYY-MM-DD: the city's day, whatever the browser's zone. */
export function todayInTokyo(): string {
  return new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
}

/** The fiscal year (April to March) a day falls in. */
export function fiscalYearOf(date: string): number {
  const [year, month] = date.split('-').map(Number);
  return month >= 4 ? year : year - 1;
}

/** 4月1日 of the next fiscal year: the day a reorganisation normally takes effect. */
export function nextAprilFirst(today = todayInTokyo()): string {
  return `${fiscalYearOf(today) + 1}-04-01`;
}

export function useDepartments(fiscalYear: number) {
  return useQuery({
    queryKey: ['departments', fiscalYear],
    queryFn: async () =>
      (await ok(api.GET('/api/v1/departments', { params: { query: { fiscalYear: String(fiscalYear) } } })))!,
  });
}

export function usePeople() {
  return useQuery({
    queryKey: ['people'],
    queryFn: async () => (await ok(api.GET('/api/v1/admin/people')))!.people,
  });
}

/** Held on the day: from its first day to its last (open-ended without one). */
export function heldOn(post: Pick<PostView, 'from' | 'until'>, day: string): boolean {
  return post.from <= day && (post.until === undefined || day <= post.until);
}
