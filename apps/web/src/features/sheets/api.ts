/** The sheets feature's reads and writes. The list of sheets is shared (api/queries.ts). */
import { useQuery } from '@tanstack/react-query';
import { api, ok, read } from '../../api/client';
import { queryKeys, type SheetTravel } from '../../api/query-keys';
import type { components } from '../../api/schema';
import { once, useWrite } from '../../api/write';

/** One sheet, now or as it stood at a time or an event. */
export function useSheet(sheetId: string, travel: SheetTravel) {
  return useQuery({
    queryKey: queryKeys.sheet(sheetId, travel),
    queryFn: () => read(api.GET('/api/v1/sheets/{sheetId}', { params: { path: { sheetId }, query: travel } })),
  });
}

/** 部長: opens the department's sheet of a year. Answers the new sheet. */
export function useOpenSheet(onOpened: (sheetId: string) => void) {
  return useWrite({
    send: (body: components['schemas']['OpenSheetRequest'], key) =>
      read(api.POST('/api/v1/sheets', { body, ...once(key) })),
    onSuccess: (opened) => onOpened(opened.sheetId),
  });
}

/** 番号の振り直し: the goals in their new order. */
export function useRenumber(sheetId: string, onDone: () => void) {
  return useWrite({
    send: (goalIds: string[], key) =>
      ok(
        api.POST('/api/v1/sheets/{sheetId}/order', { params: { path: { sheetId } }, body: { goalIds }, ...once(key) }),
      ),
    onSuccess: onDone,
  });
}
