/**
 * The administrator's reads and writes. The organisation of a year and the people are shared with
 * other features (api/queries.ts); everything only the 管理 screens send is here.
 */
import { useQuery } from '@tanstack/react-query';
import { api, ok, postJson } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { components, paths } from '../../api/schema';
import { once, useWrite } from '../../api/write';

type Schemas = components['schemas'];

/** The 機構改革 routes, each sent with the form's Idempotency-Key. */
export const directory = {
  establishDepartment: (body: Schemas['EstablishDepartmentRequest'], key: string) =>
    ok(api.POST('/api/v1/admin/departments', { body, ...once(key) })),
  renameDepartment: (departmentId: string, body: Schemas['RenameDepartmentRequest'], key: string) =>
    ok(
      api.POST('/api/v1/admin/departments/{departmentId}/rename', {
        params: { path: { departmentId } },
        body,
        ...once(key),
      }),
    ),
  abolishDepartment: (departmentId: string, body: Schemas['AbolishDepartmentRequest'], key: string) =>
    ok(
      api.POST('/api/v1/admin/departments/{departmentId}/abolish', {
        params: { path: { departmentId } },
        body,
        ...once(key),
      }),
    ),
  addSection: (departmentId: string, body: Schemas['EstablishSectionRequest'], key: string) =>
    ok(
      api.POST('/api/v1/admin/departments/{departmentId}/sections', {
        params: { path: { departmentId } },
        body,
        ...once(key),
      }),
    ),
  renameSection: (sectionId: string, body: Schemas['RenameSectionRequest'], key: string) =>
    ok(api.POST('/api/v1/admin/sections/{sectionId}/rename', { params: { path: { sectionId } }, body, ...once(key) })),
  moveSection: (sectionId: string, body: Schemas['MoveSectionRequest'], key: string) =>
    ok(api.POST('/api/v1/admin/sections/{sectionId}/move', { params: { path: { sectionId } }, body, ...once(key) })),
  abolishSection: (sectionId: string, body: Schemas['AbolishSectionRequest'], key: string) =>
    ok(api.POST('/api/v1/admin/sections/{sectionId}/abolish', { params: { path: { sectionId } }, body, ...once(key) })),
  mergeSections: (body: Schemas['MergeSectionsRequest'], key: string) =>
    ok(api.POST('/api/v1/admin/sections/merge', { body, ...once(key) })),
  splitSection: (sectionId: string, body: Schemas['SplitSectionRequest'], key: string) =>
    ok(api.POST('/api/v1/admin/sections/{sectionId}/split', { params: { path: { sectionId } }, body, ...once(key) })),
};

/** A write to the directory; on success every organisation and people list is read again. */
export function useDirectoryWrite<T>(send: (key: string) => Promise<T>, onSuccess: (answer: T) => void) {
  return useWrite<T, void>({
    send: (_nothing, key) => send(key),
    invalidates: [queryKeys.departments(), queryKeys.people(), queryKeys.lineage()],
    onSuccess: (answer) => onSuccess(answer),
  });
}

/** 系譜 of a section as seen from a fiscal year. */
export function useLineage(sectionId: string, fiscalYear: number) {
  return useQuery({
    queryKey: queryKeys.lineage(sectionId, fiscalYear),
    queryFn: async () =>
      (await ok(
        api.GET('/api/v1/organisation/sections/{sectionId}/lineage', {
          params: { path: { sectionId }, query: { fiscalYear: String(fiscalYear) } },
        }),
      ))!,
  });
}

/** 職員の登録. `sameNameConfirmed`: registered although someone of the same name exists (the api warns first). */
export function useRegisterPerson(onRegistered: (personId: string) => void | Promise<void>) {
  return useWrite({
    send: async (body: Schemas['RegisterPersonRequest'] & { sameNameConfirmed?: boolean }, key) =>
      (await ok(api.POST('/api/v1/admin/people', { body, ...once(key) })))!,
    invalidates: [queryKeys.people()],
    onSuccess: (created) => onRegistered(created.id),
  });
}

/** 発令. */
export function useAssignPost(onDone: () => void) {
  return useWrite({
    send: (body: Schemas['AssignPostRequest'], key) => ok(api.POST('/api/v1/admin/posts', { body, ...once(key) })),
    invalidates: [queryKeys.people()],
    onSuccess: onDone,
  });
}

/** 職の終了 on a last day. */
export function useEndPost(postId: string, onDone: () => void) {
  return useWrite({
    send: (until: string, key) =>
      ok(api.POST('/api/v1/admin/posts/{postId}/end', { params: { path: { postId } }, body: { until }, ...once(key) })),
    invalidates: [queryKeys.people()],
    onSuccess: onDone,
  });
}

/** A one-time link at which the person sets their own password. */
export function useSetPasswordLink(loginId: string) {
  return useWrite({
    send: async (_nothing: void, key) =>
      (await ok(
        api.POST('/api/v1/admin/accounts/{loginId}/set-password-link', { params: { path: { loginId } }, ...once(key) }),
      ))!,
    invalidates: [],
  });
}

/** ログインIDの変更: recorded with its reason; the person's sessions end and old tokens are refused. */
export function useChangeLoginId(personId: string, onDone: () => void) {
  return useWrite({
    send: (body: { loginId: string; reason: string }, key) =>
      postJson(`/api/v1/admin/people/${encodeURIComponent(personId)}/login-id`, body, { 'Idempotency-Key': key }),
    invalidates: [queryKeys.people()],
    onSuccess: onDone,
  });
}

/** 重複した職員の統合: the duplicate's posts and history follow into the person kept. */
export function useMergePerson(personId: string, onDone: () => void) {
  return useWrite({
    send: (body: { intoPersonId: string; reason: string }, key) =>
      postJson(`/api/v1/admin/people/${encodeURIComponent(personId)}/merge`, body, { 'Idempotency-Key': key }),
    invalidates: [queryKeys.people()],
    onSuccess: onDone,
  });
}

/** 名簿の取込み: the roster file's bytes as they are (the api reads Shift_JIS and UTF-8). */
export function useUploadRoster() {
  return useWrite({
    send: async (bytes: ArrayBuffer, key) =>
      (await ok(
        api.POST('/api/v1/admin/roster', {
          body: bytes as unknown as string,
          bodySerializer: (body: unknown) => body as BodyInit,
          headers: { 'content-type': 'text/csv', 'Idempotency-Key': key },
        }),
      ))!,
    invalidates: [queryKeys.people()],
  });
}

export interface FailedReminder {
  jobId: string;
  goalId?: string;
  kind?: string;
  dueAt?: string;
  failedReason?: string;
  attemptsMade?: number;
  failedAt?: string;
  delivered?: string[];
  state?: 'failed' | 'unknown';
  unknown?: string[];
}

export function useFailedReminders() {
  return useQuery({
    queryKey: queryKeys.failedReminders(),
    // The answer's items are described loosely in the OpenAPI document; their shape is the notifier's.
    queryFn: async () =>
      ((await ok(api.GET('/api/v1/admin/reminders/failed')))?.items ?? []) as unknown as FailedReminder[],
  });
}

/** 再送 of one failed reminder, or of all of them. */
export function useRetryReminders(onDone: (retried: number) => void) {
  return useWrite({
    send: async (jobId: string | undefined, key) =>
      (await ok(api.POST('/api/v1/admin/reminders/retry', { body: jobId ? { jobId } : {}, ...once(key) })))!,
    invalidates: [queryKeys.failedReminders()],
    onSuccess: (answer) => onDone(answer.retried),
  });
}

/** A year's 達成度の区分 as the api answers it (its levels, presets, whether goals are rated). */
export type AchievementScaleView =
  paths['/api/v1/achievement-scales/{fiscalYear}']['get']['responses'][200]['content']['application/json'];

/** 達成度の区分 of a year: sent with the revision shown; every page showing a scale reads it again. */
export function useSetAchievementScale(fiscalYear: number, onSet: (answer: AchievementScaleView) => void) {
  return useWrite({
    send: async (
      body: {
        levels: string[];
        achievedLevels: number;
        notAssessable?: string;
        reason: string;
        expectedRevision?: number;
      },
      key,
    ) =>
      (await ok(
        api.PUT('/api/v1/achievement-scales/{fiscalYear}', { params: { path: { fiscalYear } }, body, ...once(key) }),
      ))!,
    invalidates: [queryKeys.achievementScale()],
    onSuccess: (answer) => onSet(answer),
  });
}
