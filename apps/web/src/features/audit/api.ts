/** The 監査 page's own requests: the hash chains checked, quickly or in full. Sheets and trails are shared (api/queries.ts). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, read } from '../../api/client';
import type { components } from '../../api/schema';

export type FullVerification = components['schemas']['FullVerification'];

export function useVerifyChains() {
  return useMutation({ mutationFn: () => read(api.GET('/api/v1/audit/verify')) });
}

const FULL = ['audit', 'verify', 'full'] as const;

/**
 * The full re-verification runs on the server whether anyone watches: the page asks how far it is
 * every second while it runs (another auditor may have started it), and not at all otherwise.
 */
export function useFullVerification() {
  return useQuery({
    queryKey: FULL,
    queryFn: () => read(api.GET('/api/v1/audit/verify/full')),
    refetchInterval: (query) => (query.state.data?.state === 'running' ? 1000 : false),
  });
}

export function useStartFullVerification() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => read(api.POST('/api/v1/audit/verify/full')),
    onSuccess: (progress) => client.setQueryData(FULL, progress),
  });
}

export function useCancelFullVerification() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => read(api.DELETE('/api/v1/audit/verify/full')),
    onSuccess: (progress) => client.setQueryData(FULL, progress),
  });
}
