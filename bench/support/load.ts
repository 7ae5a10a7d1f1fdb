import { fork } from 'node:child_process';
import { join } from 'node:path';

export interface LoadResult {
  requestsPerSecond: number;
  total: number;
  ok2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  seconds: number;
  p50: number;
  p99: number;
  max: number;
  submitted?: number;
  approved?: number;
  /** Highest resident set size of this (the server's) process while the load ran, in MB. */
  peakRssMb: number;
}

export type LoadPlan = {
  url: string;
  connections: number;
  duration: number;
  amount?: number;
  overallRate?: number;
} & (
  | { kind: 'get'; path: string; headers?: Record<string, string> }
  | { kind: 'goal-walk'; goalIds: string[]; lag: number; tokens: { submit: string; approve: string } }
);

/** Runs autocannon in a child process against a server in this one, sampling this process's RSS. */
export function runLoad(plan: LoadPlan): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(join(__dirname, 'load-child.js'), [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv: [],
    });
    let peak = process.memoryUsage.rss();
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50);
    child.once('message', (result) => {
      clearInterval(sampler);
      child.disconnect();
      resolve({ ...(result as Omit<LoadResult, 'peakRssMb'>), peakRssMb: Math.round(peak / 1024 / 1024) });
    });
    child.once('exit', (code) => {
      clearInterval(sampler);
      if (code) reject(new Error(`load generator exited with ${code}`));
    });
    child.send(plan);
  });
}

export const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export function describeLoad(name: string, r: LoadResult): string {
  const failed = r.non2xx + r.errors + r.timeouts;
  return `${name.padEnd(44)} ${fmt(r.requestsPerSecond).padStart(7)} req/s  p50 ${fmt(r.p50, 1).padStart(6)} ms  p99 ${fmt(r.p99, 1).padStart(6)} ms  peak RSS ${String(r.peakRssMb).padStart(4)} MB  (${fmt(r.total)} requests${failed ? `, ${failed} NOT 2xx/failed` : ''})`;
}
