import { goalStreamId } from '@goals/domain';
import { EventStore } from '@goals/event-store';
import { AppConfig } from '@goals/infrastructure';
import { envelope } from '../../apps/api/src/shared/event-envelope';
import { contextOf, prepareDraftedGoals } from './bench-app';

/** A drafted goal followed by `revisions` GoalRevised events (alternating target levels), appended to the store. */
export async function goalWithRevisions(store: EventStore, config: AppConfig, revisions: number): Promise<string> {
  const [goalId] = await prepareDraftedGoals(store, config, 1);
  const stream = goalStreamId(goalId);
  const ctx = contextOf(config, 'kacho-shimin');
  for (let i = 0; i < revisions; i++) {
    const targetLevel =
      i % 2 === 0
        ? `窓口での手続時間が半減している（改訂${i + 1}）。`
        : '転出・転入手続の時間短縮とワンストップ化が図られている。';
    const changes = i % 10 === 9 ? { targetLevel, deadlineMonth: (i % 12) + 1 } : { targetLevel };
    await store.append(
      stream,
      envelope(
        [{ type: 'GoalRevised', data: { goalId, changes } }],
        stream,
        { ...ctx, commandId: crypto.randomUUID() },
        new Date(),
      ),
      {
        expectedRevision: BigInt(i),
      },
    );
  }
  return goalId;
}
