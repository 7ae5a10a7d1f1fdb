/**
 * CPU profile of one window of a benchmark (the load pass alone, without the preparation around it),
 * written as a .cpuprofile like node --cpu-prof writes; only when BENCH_CPU_PROFILE names a file.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

export async function profiled<T>(name: string, run: () => Promise<T>): Promise<T> {
  const file = process.env.BENCH_CPU_PROFILE;
  if (!file) return run();
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<any>((resolve, reject) => session.post(method, params, (e, r) => (e ? reject(e) : resolve(r))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 500 });
  await post('Profiler.start');
  try {
    return await run();
  } finally {
    const { profile } = await post('Profiler.stop');
    const out = file.replace(/(\.cpuprofile)?$/, `-${name}.cpuprofile`);
    writeFileSync(out, JSON.stringify(profile));
    console.log(`CPU profile of ${name}: ${out}`);
    session.disconnect();
  }
}
