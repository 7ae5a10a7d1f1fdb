/**
 * Every write the application sends goes through `useWrite`: it is sent once however often the
 * button is pressed, and a retry is recognised by the api as the same request.
 *
 * - An Idempotency-Key is made when the form opens and sent with the write; a retry after a lost
 *   answer (network error, 5xx, an ended session) sends the same key, so the api answers it as the
 *   first time instead of writing again. Once the api has answered — done, or refused with a reason —
 *   the next send is a new request and gets a new key.
 * - While a write is in flight a second send is dropped (a double-click arrives before React has
 *   re-rendered the button disabled).
 */
import { useMutation, useQueryClient, type QueryKey, type UseMutationResult } from '@tanstack/react-query';
import { useRef } from 'react';
import { ApiError } from './client';

/** 128 random bits as hex; `crypto.randomUUID` needs a secure context, which a city intranet on http is not. */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The header of a write sent once: pass to openapi-fetch as `{ ...once(key), body }`. */
export function once(key: string): { headers: { 'Idempotency-Key': string } } {
  return { headers: { 'Idempotency-Key': key } };
}

/** An answer after which the same request sent again would not be a retry of it. */
function answered(error: unknown): boolean {
  return error instanceof ApiError && !error.network && error.problem.status < 500 && error.problem.status !== 401;
}

export type Write<T, V> = Omit<UseMutationResult<T, Error, V>, 'mutate'> & {
  mutate: (variables: V, options?: { onSuccess?: (answer: T) => void }) => void;
  /** The key the next send carries (a test and the draft store read it). */
  key: () => string;
};

/**
 * A write with its key. `send(variables, key)` makes the request(s); a write of two requests (create,
 * then submit) derives the second's key from the first (`${key}.submit`). `invalidates` names what
 * every open page must read again after it (all queries when omitted).
 */
export function useWrite<T, V = void>(options: {
  send: (variables: V, key: string) => Promise<T>;
  invalidates?: QueryKey[];
  onSuccess?: (answer: T, variables: V) => void | Promise<void>;
  onError?: (error: Error, variables: V) => void | Promise<void>;
}): Write<T, V> {
  const queryClient = useQueryClient();
  const key = useRef<string>('');
  if (!key.current) key.current = newIdempotencyKey();
  const inFlight = useRef(false);
  const mutation = useMutation<T, Error, V>({
    mutationFn: (variables) => options.send(variables, key.current),
    onSuccess: async (answer, variables) => {
      key.current = newIdempotencyKey();
      if (options.invalidates) for (const k of options.invalidates) void queryClient.invalidateQueries({ queryKey: k });
      else void queryClient.invalidateQueries();
      await options.onSuccess?.(answer, variables);
    },
    onError: async (error, variables) => {
      if (answered(error)) key.current = newIdempotencyKey();
      await options.onError?.(error, variables);
    },
    onSettled: () => {
      inFlight.current = false;
    },
  });
  return {
    ...mutation,
    key: () => key.current,
    mutate: (variables, callbacks) => {
      if (inFlight.current) return;
      inFlight.current = true;
      mutation.mutate(variables, callbacks?.onSuccess ? { onSuccess: (answer) => callbacks.onSuccess!(answer) } : {});
    },
  };
}
