/** 公表: the publication routes as react-query hooks; keys under ['publications', sheetId]. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, read } from '../../api/client';

export type PublicationKind = 'setting' | 'midterm' | 'result';

export const KIND_LABEL: Record<PublicationKind, string> = { setting: '目標設定時', midterm: '中間', result: '結果' };

export const publicationKeys = {
  all: (sheetId: string) => ['publications', sheetId] as const,
  preview: (sheetId: string, kind: PublicationKind) => ['publications', sheetId, 'preview', kind] as const,
  compare: (sheetId: string, from: string, to: string) => ['publications', sheetId, 'compare', from, to] as const,
};

export function usePublications(sheetId: string) {
  return useQuery({
    queryKey: publicationKeys.all(sheetId),
    queryFn: () => read(api.GET('/api/v1/sheets/{sheetId}/publications', { params: { path: { sheetId } } })),
  });
}

export function usePublicationPreview(sheetId: string, kind: PublicationKind, enabled: boolean) {
  return useQuery({
    queryKey: publicationKeys.preview(sheetId, kind),
    enabled,
    queryFn: () =>
      read(
        api.GET('/api/v1/sheets/{sheetId}/publications/preview', { params: { path: { sheetId }, query: { kind } } }),
      ),
  });
}

/**
 * 公表する: one Idempotency-Key per preview seen, so a double click publishes once; the revision
 * (expectedRevision) the preview was made at, so a publication someone else made meanwhile is not skipped over.
 */
export function usePublish(sheetId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { kind: PublicationKind; key: string; revision: number | null | undefined }) =>
      read(
        api.POST('/api/v1/sheets/{sheetId}/publications', {
          params: { path: { sheetId } },
          headers: { 'Idempotency-Key': input.key },
          body: {
            kind: input.kind,
            ...(input.revision === null || input.revision === undefined ? {} : { expectedRevision: input.revision }),
          },
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: publicationKeys.all(sheetId) }),
  });
}

export function usePublicationComparison(sheetId: string, from: string, to: string) {
  return useQuery({
    queryKey: publicationKeys.compare(sheetId, from, to),
    enabled: from !== '' && to !== '' && from !== to,
    queryFn: () =>
      read(
        api.GET('/api/v1/sheets/{sheetId}/publications/compare', {
          params: { path: { sheetId }, query: { from, to } },
        }),
      ),
  });
}
