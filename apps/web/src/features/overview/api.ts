/** 全庁の状況's data: the figures of one year and the years side by side, as react-query hooks. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, getJson, read } from '../../api/client';
import type { operations } from '../../api/schema';

type Json<O extends keyof operations> = operations[O] extends {
  responses: { 200: { content: { 'application/json': infer T } } };
}
  ? T
  : never;
export type OverviewData = Json<'GetOverviewController_overview'>;
export type OverviewRow = OverviewData['rows'][number];
export type OverviewYears = Json<'OverviewYearsController_years'>;
export type OverviewGoals = Json<'GetOverviewGoalsController_goals'>;
export type OverviewMeasures = Json<'OverviewMeasuresController_measures'>;
export type OverviewSortKey = NonNullable<
  NonNullable<operations['GetOverviewController_overview']['parameters']['query']>['sort']
>;

export interface OverviewFilters {
  fiscalYear: number;
  department?: string;
  category?: string;
  section?: string;
  sort?: OverviewSortKey;
  order?: 'asc' | 'desc';
}

export const overviewKeys = {
  all: ['overview'] as const,
  year: (filters: OverviewFilters) => ['overview', 'year', filters] as const,
  years: (to: number, category?: string) => ['overview', 'years', to, category ?? ''] as const,
  goals: (link: string) => ['overview', 'goals', link] as const,
  measures: (filters: OverviewFilters) => ['overview', 'measures', filters] as const,
};

function query(filters: OverviewFilters) {
  return {
    fiscalYear: String(filters.fiscalYear),
    ...(filters.department ? { department: filters.department } : {}),
    ...(filters.category ? { category: filters.category } : {}),
    ...(filters.section ? { section: filters.section } : {}),
    ...(filters.sort ? { sort: filters.sort } : {}),
    ...(filters.order ? { order: filters.order } : {}),
  };
}

export function useOverview(filters: OverviewFilters) {
  return useQuery({
    queryKey: overviewKeys.year(filters),
    queryFn: () => read(api.GET('/api/v1/overview', { params: { query: query(filters) } })),
    // The table stays on screen while a new filter loads, rather than flashing empty.
    placeholderData: keepPreviousData,
  });
}

/** The city's and each department's rate over the five years up to `to`. */
export function useOverviewYears(to: number, category?: string, enabled = true) {
  return useQuery({
    queryKey: overviewKeys.years(to, category),
    enabled,
    queryFn: () =>
      read(
        api.GET('/api/v1/overview/years', {
          params: { query: { to: String(to), ...(category ? { category } : {}) } },
        }),
      ),
  });
}

export function overviewFileUrl(filters: OverviewFilters, format: 'xlsx' | 'csv'): string {
  return `/api/v1/overview/export?${new URLSearchParams({ ...query(filters), format }).toString()}`;
}

/** The goals behind one figure: each figure of the overview carries the link that lists them. */
export function useGoalsBehind(link: string) {
  return useQuery({ queryKey: overviewKeys.goals(link), queryFn: () => getJson<OverviewGoals>(link) });
}

/** 施策別: the year's figures by the 総合計画 (plan null when the city has loaded none for the year). */
export function useOverviewMeasures(filters: OverviewFilters) {
  const { sort: _sort, order: _order, ...grouping } = filters;
  return useQuery({
    queryKey: overviewKeys.measures(grouping),
    queryFn: () => read(api.GET('/api/v1/overview/measures', { params: { query: query(grouping) } })),
    placeholderData: keepPreviousData,
  });
}
