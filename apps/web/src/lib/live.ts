import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { movedBy } from '../api/query-keys';

/**
 * Someone else's action reaches an open page within a second: the api streams which goals and
 * sheets moved (Server-Sent Events fed by the projector) and every query about them is refetched.
 * EventSource reconnects by itself after a drop (the server asks for a 1 s retry).
 */
export function useLiveUpdates(enabled: boolean): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/v1/events/stream', { withCredentials: true });
    source.addEventListener('changed', (message) => {
      let moved: { goalIds?: string[]; sheetIds?: string[] } = {};
      try {
        moved = JSON.parse((message as MessageEvent<string>).data) as typeof moved;
      } catch {
        /* refetch everything below */
      }
      const ids = new Set([...(moved.goalIds ?? []), ...(moved.sheetIds ?? [])]);
      void queryClient.invalidateQueries({ predicate: (query) => movedBy(query.queryKey, ids) });
    });
    return () => source.close();
  }, [enabled, queryClient]);
}
