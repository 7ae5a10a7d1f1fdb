/**
 * 次年度への引継ぎ: what next year's sheet is offered from the closed year, carrying, and 継続. Every
 * write goes through useWrite (sent once, retried with the same key) with the revision the page showed.
 */
import { useQuery } from '@tanstack/react-query';
import { api, read } from '../../api/client';
import { once, useWrite } from '../../api/write';

export const carryOverKey = (sheetId: string) => ['carry-over', sheetId] as const;

const fetchCarryOver = (sheetId: string) =>
  read(api.GET('/api/v1/sheets/{sheetId}/carry-over', { params: { path: { sheetId } } }));

export type CarryOver = Awaited<ReturnType<typeof fetchCarryOver>>;
export type CarryCandidate = CarryOver['goals'][number];

export function useCarryOver(sheetId: string | undefined) {
  return useQuery({
    queryKey: carryOverKey(sheetId ?? ''),
    queryFn: () => fetchCarryOver(sheetId!),
    enabled: Boolean(sheetId),
  });
}

const ifMatch = (revision: number | null) => (revision === null ? {} : { 'If-Match': `"${revision}"` });

/** 「選んだ目標を引き継ぐ」: each goal with the sections chosen where a section was split or abolished. */
export function useCarry(sheetId: string) {
  return useWrite({
    send: ({ goals, revision }: { goals: { goalId: string; sections?: string[] }[]; revision: number | null }, key) =>
      read(
        api.POST('/api/v1/sheets/{sheetId}/carry-over', {
          params: { path: { sheetId } },
          body: { goals },
          headers: { ...once(key).headers, ...ifMatch(revision) },
        }),
      ),
  });
}

/** 継続: offered to next year whatever its rating (or the mark taken away). */
export function useMarkContinuing() {
  return useWrite({
    send: ({ goalId, continuing, revision }: { goalId: string; continuing: boolean; revision: number | null }, key) =>
      read(
        api.PUT('/api/v1/goals/{goalId}/continuing', {
          params: { path: { goalId } },
          body: { continuing },
          headers: { ...once(key).headers, ...ifMatch(revision) },
        }),
      ),
  });
}

/** The department's sheets, newest first, and whether the newest's year is closed: where the entry points lead. */
export function useLatestSheets(department: string | undefined) {
  return useQuery({
    queryKey: ['carry-over', 'sheets', department ?? ''],
    enabled: Boolean(department),
    queryFn: async () => {
      const list = await read(api.GET('/api/v1/sheets', { params: { query: { department: department ?? '' } } }));
      const sheets = [...list.items].sort((a, b) => b.fiscalYear - a.fiscalYear);
      const latest = sheets[0];
      const year = latest
        ? await read(api.GET('/api/v1/sheets/{sheetId}/year', { params: { path: { sheetId: latest.sheetId } } }))
        : undefined;
      return {
        latest,
        previous: sheets.find((s) => latest && s.fiscalYear === latest.fiscalYear - 1),
        closed: !!year?.closed,
      };
    },
  });
}

/** 部長: opens next year's sheet with the same heading, to carry goals into it. */
export function useOpenNextSheet(onOpened: (sheetId: string) => void) {
  return useWrite({
    send: (
      body: { department: string; fiscalYear: number; createdOn: string; headTitle: string; headName: string },
      key,
    ) => read(api.POST('/api/v1/sheets', { body, ...once(key) })),
    onSuccess: (opened) => onOpened(opened.sheetId),
  });
}
