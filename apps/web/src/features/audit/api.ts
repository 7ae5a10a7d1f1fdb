/** The 監査 page's own request: the hash chains checked. Sheets and trails are shared (api/queries.ts). */
import { useMutation } from '@tanstack/react-query';
import { api, read } from '../../api/client';

export function useVerifyChains() {
  return useMutation({ mutationFn: () => read(api.GET('/api/v1/audit/verify')) });
}
