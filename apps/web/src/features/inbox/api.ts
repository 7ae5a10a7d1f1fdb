/** The 受信箱's reads and writes. */
import { useQuery } from '@tanstack/react-query';
import { api, ok, read } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import { once, useWrite } from '../../api/write';

export function useInbox() {
  return useQuery({ queryKey: queryKeys.inbox(), queryFn: () => read(api.GET('/api/v1/inbox')) });
}

/** 後閲: the 部長 has read what a delegate decided for them. */
export function useAcknowledgeReview() {
  return useWrite({
    send: (reviewId: string, key) =>
      ok(
        api.POST('/api/v1/inbox/reviews/{reviewId}/acknowledge', {
          params: { path: { reviewId } },
          body: {},
          ...once(key),
        }),
      ),
    invalidates: [queryKeys.inbox()],
  });
}
