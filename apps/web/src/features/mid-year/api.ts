/**
 * The year of a sheet, for every role: its 中間報告 windows and reports, the close. Queries and
 * mutations as hooks; every write sends the revision seen (If-Match) and an Idempotency-Key, so a
 * double click or a retry writes once.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ok, read } from '../../api/client';
import type { components } from '../../api/schema';

export type YearOverview = Awaited<ReturnType<typeof fetchYear>>;
export type MidYearWindowView = YearOverview['windows'][number];
export type SectionReport = MidYearWindowView['sections'][number];
export type ProgressEntry = components['schemas']['ProgressEntryRequest'];

export const PROGRESS_LEVELS = ['順調', 'やや遅れ', '遅れ', '完了'] as const;
export const REPORT_STATUS_LABEL: Record<SectionReport['status'], string> = {
  none: '未着手',
  draft: '下書き',
  submitted: '提出済み',
  returned: '差戻し',
  confirmed: '確認済み',
};

export const yearKey = (sheetId: string) => ['year', sheetId] as const;

const fetchYear = (sheetId: string) =>
  read(api.GET('/api/v1/sheets/{sheetId}/year', { params: { path: { sheetId } } }));

export function useYear(sheetId: string | undefined) {
  return useQuery({ queryKey: yearKey(sheetId ?? ''), queryFn: () => fetchYear(sheetId!), enabled: Boolean(sheetId) });
}

/** The department's sheets, newest year first: the 課長 and 部長 work on the latest. */
export function useDepartmentSheets(department: string | undefined) {
  return useQuery({
    queryKey: ['sheets', 'department', department ?? ''],
    enabled: Boolean(department),
    queryFn: async () =>
      (await read(api.GET('/api/v1/sheets', { params: { query: { department: department ?? '' } } }))).items.sort(
        (a, b) => b.fiscalYear - a.fiscalYear,
      ),
  });
}

/** One Idempotency-Key per intended write: kept across retries of it, renewed once it succeeded. */
function useIdempotencyKey(): [string, () => void] {
  const [key, setKey] = useState(() => crypto.randomUUID());
  return [key, () => setKey(crypto.randomUUID())];
}

function headers(key: string, revision?: number | null) {
  return {
    'idempotency-key': key,
    ...(revision === undefined || revision === null ? {} : { 'if-match': `"${revision}"` }),
  };
}

type ReportPath = { sheetId: string; window: number; sectionId: string };

/** A write on the year or a report; refreshes the year, the sheet and the inbox after it. */
function useYearWrite<V>(sheetId: string, write: (variables: V, key: string) => Promise<unknown>) {
  const queryClient = useQueryClient();
  const [key, renew] = useIdempotencyKey();
  return useMutation({
    mutationFn: (variables: V) => write(variables, key),
    onSuccess: () => {
      renew();
      void queryClient.invalidateQueries({ queryKey: yearKey(sheetId) });
      void queryClient.invalidateQueries({ queryKey: ['sheet', sheetId] });
      void queryClient.invalidateQueries({ queryKey: ['inbox'] });
    },
  });
}

export function useSaveReport(path: ReportPath) {
  return useYearWrite(
    path.sheetId,
    ({ entries, revision }: { entries: ProgressEntry[]; revision?: number | null }, key) =>
      ok(
        api.PUT('/api/v1/sheets/{sheetId}/mid-year-windows/{window}/reports/{sectionId}', {
          params: { path: path as never, header: headers(key, revision) as never },
          body: { entries },
        }),
      ),
  );
}

export function useSubmitReport(path: ReportPath) {
  return useYearWrite(
    path.sheetId,
    ({ entries, revision }: { entries: ProgressEntry[]; revision?: number | null }, key) =>
      ok(
        api.POST('/api/v1/sheets/{sheetId}/mid-year-windows/{window}/reports/{sectionId}/submit', {
          params: { path: path as never, header: headers(key, revision) as never },
          body: { entries },
        }),
      ),
  );
}

export function useDecideReport(path: ReportPath) {
  return useYearWrite(
    path.sheetId,
    (
      { decision, reason, revision }: { decision: 'confirm' | 'return'; reason?: string; revision?: number | null },
      key,
    ) =>
      decision === 'confirm'
        ? ok(
            api.POST('/api/v1/sheets/{sheetId}/mid-year-windows/{window}/reports/{sectionId}/confirm', {
              params: { path: path as never, header: headers(key, revision) as never },
              body: {},
            }),
          )
        : ok(
            api.POST('/api/v1/sheets/{sheetId}/mid-year-windows/{window}/reports/{sectionId}/return', {
              params: { path: path as never, header: headers(key, revision) as never },
              body: { reason: reason ?? '' },
            }),
          ),
  );
}

export function useOpenWindow(sheetId: string) {
  return useYearWrite(sheetId, (body: { opensOn: string; closesOn: string; label?: string }, key) =>
    ok(
      api.POST('/api/v1/sheets/{sheetId}/mid-year-windows', {
        params: { path: { sheetId }, header: headers(key) as never },
        body,
      }),
    ),
  );
}

export function useCloseYear(sheetId: string) {
  return useYearWrite(sheetId, (excluded: { goalId: string; reason: string }[], key) =>
    ok(
      api.POST('/api/v1/sheets/{sheetId}/close', {
        params: { path: { sheetId }, header: headers(key) as never },
        body: { excluded },
      }),
    ),
  );
}

export function useReopenYear(sheetId: string) {
  return useYearWrite(sheetId, (reason: string, key) =>
    ok(
      api.POST('/api/v1/sheets/{sheetId}/reopen', {
        params: { path: { sheetId }, header: headers(key) as never },
        body: { reason },
      }),
    ),
  );
}
