/** 代決's reads and writes. The delegations list itself is shared (api/queries.ts): the goal page reads it too. */
import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { components } from '../../api/schema';
import { once, useWrite } from '../../api/write';

/** Who may be named 代決者 on a day (部内 first), with the titles they hold. */
export function useCandidates(day: string) {
  return useQuery({
    queryKey: queryKeys.delegateCandidates(day),
    queryFn: async () => (await ok(api.GET('/api/v1/delegations/candidates', { params: { query: { on: day } } })))!,
  });
}

export function useGrantDelegation(onDone: () => void) {
  return useWrite({
    send: (body: components['schemas']['GrantDelegationRequest'], key) =>
      ok(api.POST('/api/v1/delegations', { body, ...once(key) })),
    invalidates: [queryKeys.delegations()],
    onSuccess: onDone,
  });
}

export function useRevokeDelegation(onDone: (delegationId: string) => void) {
  return useWrite({
    send: (delegationId: string, key) =>
      ok(
        api.POST('/api/v1/delegations/{delegationId}/revoke', {
          params: { path: { delegationId } },
          body: {},
          ...once(key),
        }),
      ),
    invalidates: [queryKeys.delegations()],
    onSuccess: (_answer, delegationId) => onDone(delegationId),
  });
}
