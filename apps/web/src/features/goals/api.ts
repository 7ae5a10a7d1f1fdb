/** The goals feature's reads and writes: every request the goal screens make, as hooks. */
import { useQuery } from '@tanstack/react-query';
import { api, ok, postJson, read } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { components } from '../../api/schema';
import type { Goal, GoalContent } from '../../api/views';
import { once, useWrite } from '../../api/write';

type Schemas = components['schemas'];

export function useGoal(goalId: string) {
  return useQuery({
    queryKey: queryKeys.goal(goalId),
    queryFn: async () => (await read(api.GET('/api/v1/goals/{goalId}', { params: { path: { goalId } } }))) as Goal,
  });
}

/**
 * The goal's whole history: its own steps, the 中間報告 lines about it and 次年度への引継ぎ (the audit
 * trail lists a goal's own stream; this one adds what other streams say about the goal).
 */
export function useGoalHistory(goalId: string) {
  return useQuery({
    queryKey: [...queryKeys.trail(goalId), 'goal-history'],
    queryFn: () => read(api.GET('/api/v1/goals/{goalId}/history', { params: { path: { goalId } } })),
  });
}

/** 課長: the goals of my sections, every year. */
export function useMyGoals() {
  return useQuery({ queryKey: queryKeys.myGoals(), queryFn: () => read(api.GET('/api/v1/goals')) });
}

/** Who wrote the goal last, for a 409: the newest entry of its history. */
export async function lastChangedBy(goalId: string): Promise<string> {
  const trail = await read(api.GET('/api/v1/audit/trail', { params: { query: { goalId, limit: '200' } } })).catch(
    () => null,
  );
  const last = trail?.items.filter((e) => e.actor).at(-1);
  return last?.actor?.name ?? last?.actor?.userId ?? '他の利用者';
}

/** 「目標を追加」: a draft on a sheet, submitted at once when asked. Answers the new goal's id. */
export function useCreateGoal(onCreated: (goalId: string) => void) {
  return useWrite({
    send: async ({ sheetId, draft, submit }: { sheetId: string; draft: GoalContent; submit: boolean }, key) => {
      const { goalId, revision } = await read(
        api.POST('/api/v1/sheets/{sheetId}/goals', { params: { path: { sheetId } }, body: draft, ...once(key) }),
      );
      if (submit)
        await ok(
          api.POST('/api/v1/goals/{goalId}/submit', {
            params: { path: { goalId } },
            body: { expectedRevision: revision },
            ...once(`${key}.submit`),
          }),
        );
      return goalId;
    },
    onSuccess: (goalId) => onCreated(goalId),
  });
}

/**
 * 下書き保存 and 提出 of a draft or returned goal: the text is saved (if it changed) against the revision
 * it was opened at, then submitted when asked. Answers the revision now stored.
 */
export function useSaveDraft(goalId: string, onError: (error: Error) => void) {
  return useWrite({
    send: async (
      { draft, revision, changed, submit }: { draft: GoalContent; revision: number; changed: boolean; submit: boolean },
      key,
    ) => {
      let stored = revision;
      if (changed)
        stored = (
          await read(
            api.PATCH('/api/v1/goals/{goalId}', {
              params: { path: { goalId } },
              body: { ...draft, expectedRevision: revision },
              ...once(key),
            }),
          )
        ).revision;
      if (submit)
        await ok(
          api.POST('/api/v1/goals/{goalId}/submit', {
            params: { path: { goalId } },
            body: { expectedRevision: stored },
            ...once(`${key}.submit`),
          }),
        );
      return stored;
    },
    onError,
  });
}

/** The steps of a goal after it is written, each with the body its route takes. */
interface StepBodies {
  withdraw: { expectedRevision: number };
  amend: Schemas['AmendGoalRequest'];
  achievement: Schemas['RecordAchievementRequest'];
  approve: Schemas['ApproveGoalRequest'];
  return: Schemas['ReturnGoalRequest'];
  confirm: Schemas['ConfirmAchievementRequest'];
  /** 削除 of a draft, with its reason. */
  delete: { reason: string; expectedRevision: number };
}
export type GoalStep = { [S in keyof StepBodies]: { step: S; body: StepBodies[S] } }[keyof StepBodies];

function sendStep(goalId: string, { step, body }: GoalStep, key: string): Promise<unknown> {
  const path = { params: { path: { goalId } }, ...once(key) };
  switch (step) {
    case 'withdraw':
      return ok(api.POST('/api/v1/goals/{goalId}/withdraw', { ...path, body }));
    case 'amend':
      return ok(api.POST('/api/v1/goals/{goalId}/amend', { ...path, body }));
    case 'achievement':
      return ok(api.POST('/api/v1/goals/{goalId}/achievement', { ...path, body }));
    case 'approve':
      return ok(api.POST('/api/v1/goals/{goalId}/approve', { ...path, body }));
    case 'return':
      return ok(api.POST('/api/v1/goals/{goalId}/return', { ...path, body }));
    case 'confirm':
      return ok(api.POST('/api/v1/goals/{goalId}/achievement/confirm', { ...path, body }));
    case 'delete':
      // The revision goes as If-Match too: the api's contract for 削除 names the header.
      return postJson(`/api/v1/goals/${encodeURIComponent(goalId)}/delete`, body, {
        'Idempotency-Key': key,
        'If-Match': `"${body.expectedRevision}"`,
      });
  }
}

/** One step on the goal at a time; what it answers, every open query learns. */
export function useGoalStep(goalId: string) {
  return useWrite({ send: (step: GoalStep, key) => sendStep(goalId, step, key) });
}
