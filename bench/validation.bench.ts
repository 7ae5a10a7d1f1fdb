/**
 * The cost of one request-body validation: the draft DTO (GoalContentRequest) through the app's own
 * ValidationPipe (class-transformer plainToInstance + class-validator, whitelist and all), next to a
 * JSON.parse of the same body, in the same run.
 *   node -r ./bench/register.js bench/validation.bench.ts        (BENCH_ITERATIONS=20000)
 * Each figure is the median of timed batches of 100, in µs per call.
 */
import { cpus } from 'node:os';
import 'reflect-metadata';
import { GoalContentRequest } from '../apps/api/src/goals/goal-content/goal-content.request.dto';
import { requestValidationPipe } from '../apps/api/src/http/validation.pipe';
import { SAMPLE_GOAL } from '../test/support/sample-goal';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 20_000);
const BATCH = 100;

const body = JSON.stringify(SAMPLE_GOAL);

async function medianMicros(run: () => unknown): Promise<{ median: number; p99: number }> {
  for (let i = 0; i < 2000; i++) await run(); // warm-up
  const perCall: number[] = [];
  for (let b = 0; b < ITERATIONS / BATCH; b++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < BATCH; i++) await run();
    perCall.push(Number(process.hrtime.bigint() - start) / 1000 / BATCH);
  }
  perCall.sort((a, b) => a - b);
  return { median: perCall[Math.floor(perCall.length / 2)], p99: perCall[Math.floor(perCall.length * 0.99)] };
}

async function main(): Promise<void> {
  console.log(`validation: ${ITERATIONS.toLocaleString('en-US')} calls each, node ${process.version}, ${cpus().length} cores\n`);
  const pipe = requestValidationPipe();
  const metadata = { type: 'body' as const, metatype: GoalContentRequest, data: '' };
  const checked = await pipe.transform(JSON.parse(body), metadata);
  if (!(checked instanceof GoalContentRequest)) throw new Error('the pipe did not produce a GoalContentRequest');
  const refused = await pipe.transform({ ...JSON.parse(body), deadlineMonth: 13 }, metadata).then(() => false, () => true);
  if (!refused) throw new Error('the pipe accepted deadlineMonth 13');

  const parse = await medianMicros(() => JSON.parse(body));
  const validate = await medianMicros(() => pipe.transform(JSON.parse(body), metadata));
  const awaitOnly = await medianMicros(async () => JSON.parse(body));

  const row = (name: string, r: { median: number; p99: number }) => console.log(`${name.padEnd(58)} median ${r.median.toFixed(2).padStart(7)} µs   p99 ${r.p99.toFixed(2).padStart(7)} µs`);
  console.log(`=== figures (same run, same machine; body ${Buffer.byteLength(body)} bytes) ===`);
  row('JSON.parse of the body (baseline)', parse);
  row('JSON.parse in an awaited async function (loop overhead)', awaitOnly);
  row('JSON.parse + ValidationPipe(GoalContentRequest)', validate);
  console.log(`  one validation costs ≈ ${(validate.median - awaitOnly.median).toFixed(1)} µs = ${(validate.median / parse.median).toFixed(0)}× a JSON.parse of the same body`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
