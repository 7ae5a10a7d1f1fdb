/**
 * When the request being answered arrived, for code that must see everything acknowledged before it
 * (the directory: a write must never be decided on an organisation older than the request). A read of
 * the store begun after the request arrived sees every event acknowledged before then, so a request
 * that asks the directory six questions needs one such read, not six. Outside a request (a console
 * tool, a background job) there is no arrival: every question reads the store.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';

const arrivals = new AsyncLocalStorage<number>();

/** Runs `work` as part of a request that arrived at `arrivedAt` (performance.now()'s clock). */
export function withinRequest<T>(work: () => T, arrivedAt = performance.now()): T {
  return arrivals.run(arrivedAt, work);
}

/** When the request being answered arrived (performance.now()'s clock); undefined outside one. */
export function requestArrivedAt(): number | undefined {
  return arrivals.getStore();
}
