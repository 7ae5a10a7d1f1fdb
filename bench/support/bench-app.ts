/**
 * The real HTTP app for a benchmark: a temporary data folder, a free-port local redis-server,
 * no rate limit in the way, no request logging; plus ways to prepare goals straight in its store.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Actor, actorOf, goalStreamId } from '@goals/domain';
import { derivedUuid, EVENT_STORE, EventStore } from '@goals/event-store';
import { mintToken } from '../../apps/api/src/auth/token-keys';
import { createApp } from '../../apps/api/src/bootstrap';
import { AppConfig, loadConfig } from '@goals/infrastructure';
import { CommandContext } from '../../apps/api/src/shared/command-context';
import { envelope } from '../../apps/api/src/shared/event-envelope';
import { SAMPLE_GOAL } from '../../test/support/sample-goal';

export interface BenchApp {
  app: NestFastifyApplication;
  config: AppConfig;
  store: EventStore;
  url: string;
  token(userId: string): Promise<string>;
  close(): Promise<void>;
}

export async function startBenchApp(env: Record<string, string> = {}): Promise<BenchApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-goal-sheet-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: '0',
    EMBEDDED_REDIS_PORT: '0',
    RATE_LIMIT_PER_MINUTE: '10000000',
    RUN_WORKER: 'false',
    ...env,
  });
  const app = await createApp({ config, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.getHttpServer().address() as { port: number };
  return {
    app,
    config,
    store: app.get<EventStore>(EVENT_STORE),
    url: `http://127.0.0.1:${port}`,
    token: (userId) => mintToken(config, userId),
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const SHEET_ID = '6f1c2b7e-0d53-4f5e-9a51-2b0c7c9d1a00';

/** A goal of 市民課 (kacho-shimin's section) in the 令和4年度 市民生活部 sheet, as drafted. */
export function draftedGoal(goalId: string) {
  return {
    type: 'GoalDrafted',
    data: {
      goalId,
      sheetId: SHEET_ID,
      departmentId: derivedUuid('department', '市民生活部'),
      fiscalYear: 2022,
      ...SAMPLE_GOAL,
      sections: SAMPLE_GOAL.sections.map((s) => derivedUuid('section', '市民生活部', s)),
    },
  };
}

export function contextOf(config: AppConfig, userId: string): CommandContext {
  const user = config.directory.users.find((u) => u.id === userId)!;
  const actor: Actor = actorOf(user);
  return { actor, correlationId: randomUUID(), commandId: randomUUID(), requestHash: '' };
}

/** Appends `count` drafted goals straight to the store (as the HTTP draft would write them) and returns their ids. */
export async function prepareDraftedGoals(store: EventStore, config: AppConfig, count: number): Promise<string[]> {
  const ids: string[] = [];
  const now = new Date();
  for (let i = 0; i < count; i++) {
    const goalId = randomUUID();
    const stream = goalStreamId(goalId);
    await store.append(stream, envelope([draftedGoal(goalId)], stream, contextOf(config, 'kacho-shimin'), now), {
      expectedRevision: 'no_stream',
    });
    ids.push(goalId);
  }
  return ids;
}
