/**
 * 総合計画: loading a dated version of the city's 施策 tree, and what a goal of a fiscal year may name.
 * decide(command, state) → events, evolve(state, event) → state; no clock, no I/O.
 */
import { Actor } from '../directory';
import { FieldError, InvalidInput, NotAllowed } from '../errors';
import { isCivilDate } from '../fiscal-year';
import { authorizeDirectoryAdmin } from '../permissions';
import { sameJson } from '../same-json';
import { PlanState } from './plan';
import { PlanEntry, PlanEvent, PlanVersion } from './plan.events';

/** The levels of most cities' plans (基本構想・基本計画): 基本目標 › 政策 › 施策. */
export const DEFAULT_PLAN_LEVELS: readonly string[] = ['基本目標', '政策', '施策'];

export const PLAN_LIMITS = { entries: 3000, id: 40, name: 200, title: 100, levels: 6, level: 20 } as const;

export type LoadPlan = {
  type: 'LoadPlan';
  data: { validFrom: string; title?: string; levels?: string[]; entries: PlanEntry[] };
  by: Actor;
};
export type PlanCommand = LoadPlan;

export function initialPlanState(): PlanState {
  return { versions: [] };
}

export function decidePlan(command: PlanCommand, state: PlanState): PlanEvent[] {
  authorizePlanAdmin(command.by);
  const version = planVersionOf(command.data);
  const same = state.versions.find((v) => v.validFrom === version.validFrom);
  // Loading the same file again changes nothing; another one for the same day corrects that version.
  // (The stored version comes back with its keys in canonical order: compared as JSON, not as text.)
  if (same && sameJson(same, version)) return [];
  return [{ type: 'ComprehensivePlanLoaded', data: version }];
}

export function evolvePlan(state: PlanState, event: PlanEvent): PlanState {
  const versions = state.versions.filter((v) => v.validFrom !== event.data.validFrom);
  versions.push(event.data);
  versions.sort((a, b) => (a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : 0));
  return { versions };
}

export function foldPlan(events: readonly PlanEvent[]): PlanState {
  return events.reduce(evolvePlan, initialPlanState());
}

function authorizePlanAdmin(actor: Actor): void {
  try {
    authorizeDirectoryAdmin(actor);
  } catch (e) {
    // The directory's refusal names 組織と職員; the plan is the administrator's too, said in its own words.
    if (e instanceof NotAllowed && e.rule === 'admins-only')
      throw new NotAllowed(
        'admins-only',
        'only an administrator loads the plan',
        '総合計画を読み込めるのは管理者だけです',
      );
    throw e;
  }
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are refused
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * The version a request describes, checked in full (every problem at once, each naming its field:
 * `entries[3].parentId`), with its entries put in tree order: each parent before its children.
 */
export function planVersionOf(data: LoadPlan['data']): PlanVersion {
  const errors: FieldError[] = [];
  const problem = (field: string, reason: string, ja: string) => errors.push({ field, reason, ja });
  if (typeof data.validFrom !== 'string' || !isCivilDate(data.validFrom))
    problem('validFrom', 'must be a date YYYY-MM-DD', '適用開始日は日付（例 2026-04-01）で入力してください');
  const title = typeof data.title === 'string' ? data.title.trim() : undefined;
  if (data.title !== undefined && (typeof data.title !== 'string' || CONTROL.test(data.title)))
    problem('title', 'must be one line of text', '計画の名前は一行の文字で入力してください');
  else if (title && title.length > PLAN_LIMITS.title)
    problem(
      'title',
      `must be at most ${PLAN_LIMITS.title} characters`,
      `計画の名前は${PLAN_LIMITS.title}字以内で入力してください`,
    );
  const levels = (data.levels ?? [...DEFAULT_PLAN_LEVELS]).map((l) => (typeof l === 'string' ? l.trim() : ''));
  if (
    !Array.isArray(data.levels ?? []) ||
    levels.length === 0 ||
    levels.length > PLAN_LIMITS.levels ||
    levels.some((l) => l === '' || l.length > PLAN_LIMITS.level || CONTROL.test(l))
  )
    problem(
      'levels',
      `must name 1 to ${PLAN_LIMITS.levels} levels`,
      `階層の名前は上から順に1〜${PLAN_LIMITS.levels}個、それぞれ${PLAN_LIMITS.level}字以内で入力してください（例 基本目標・政策・施策）`,
    );
  const entries: PlanEntry[] = [];
  if (!Array.isArray(data.entries) || data.entries.length === 0)
    problem('entries', 'must list at least one entry', '施策の一覧が空です。ID・名称・親IDを一行以上入れてください');
  else if (data.entries.length > PLAN_LIMITS.entries)
    problem(
      'entries',
      `must list at most ${PLAN_LIMITS.entries} entries`,
      `施策の一覧は${PLAN_LIMITS.entries.toLocaleString('ja-JP')}行までです（${data.entries.length.toLocaleString('ja-JP')}行あります）`,
    );
  else {
    const seen = new Set<string>();
    data.entries.forEach((raw, i) => {
      const at = (f: string) => `entries[${i}].${f}`;
      const id = typeof raw?.id === 'string' ? raw.id.trim() : '';
      const name = typeof raw?.name === 'string' ? raw.name.trim() : '';
      const parentId = typeof raw?.parentId === 'string' ? raw.parentId.trim() : '';
      const before = errors.length;
      if (id === '') problem(at('id'), 'must not be empty', 'IDを入力してください');
      else if (id.length > PLAN_LIMITS.id || CONTROL.test(id))
        problem(
          at('id'),
          `must be one line of at most ${PLAN_LIMITS.id} characters`,
          `ID「${id.slice(0, PLAN_LIMITS.id)}」は${PLAN_LIMITS.id}字以内の一行にしてください`,
        );
      else if (seen.has(id))
        problem(at('id'), 'appears twice', `ID「${id}」が二度あります。IDは一行ごとに別にしてください`);
      if (name === '') problem(at('name'), 'must not be empty', `ID「${id}」の名称を入力してください`);
      else if (name.length > PLAN_LIMITS.name || CONTROL.test(name))
        problem(
          at('name'),
          `must be one line of at most ${PLAN_LIMITS.name} characters`,
          `ID「${id}」の名称は${PLAN_LIMITS.name}字以内の一行にしてください`,
        );
      if (raw?.parentId !== undefined && raw.parentId !== null && typeof raw.parentId !== 'string')
        problem(at('parentId'), 'must be an id of the list', '親IDは一覧のIDで入力してください');
      if (errors.length > before) return;
      seen.add(id);
      entries.push({ id, name, ...(parentId ? { parentId } : {}) });
    });
    if (errors.length === 0) errors.push(...treeProblems(entries, levels));
  }
  if (errors.length) throw new InvalidInput(errors);
  return {
    validFrom: data.validFrom,
    ...(title ? { title } : {}),
    levels,
    entries: treeOrder(entries),
  };
}

/** Parents that are missing, loops, and lines deeper than the plan has levels. */
function treeProblems(entries: readonly PlanEntry[], levels: readonly string[]): FieldError[] {
  const errors: FieldError[] = [];
  const byId = new Map(entries.map((e) => [e.id, e]));
  entries.forEach((entry, i) => {
    const field = `entries[${i}].parentId`;
    if (entry.parentId === undefined) return;
    if (!byId.has(entry.parentId)) {
      errors.push({
        field,
        reason: `${entry.parentId} is not an id of the list`,
        ja: `ID「${entry.id}」の親ID「${entry.parentId}」が一覧にありません`,
      });
      return;
    }
    const path = new Set([entry.id]);
    for (let up = byId.get(entry.parentId); up; up = up.parentId ? byId.get(up.parentId) : undefined) {
      if (path.has(up.id)) {
        errors.push({
          field,
          reason: 'its parents lead back to it',
          ja: `ID「${entry.id}」の親をたどると「${up.id}」に戻ってしまいます。親IDを確かめてください`,
        });
        return;
      }
      path.add(up.id);
    }
    if (path.size > levels.length)
      errors.push({
        field,
        reason: `lies deeper than the plan's ${levels.length} levels`,
        ja: `ID「${entry.id}」は${path.size}段目です。階層は${levels.join('・')}の${levels.length}段までです`,
      });
  });
  return errors;
}

/** Each parent before its children; siblings keep the order the city listed them in. */
function treeOrder(entries: readonly PlanEntry[]): PlanEntry[] {
  const children = new Map<string | undefined, PlanEntry[]>();
  for (const e of entries) children.set(e.parentId, [...(children.get(e.parentId) ?? []), e]);
  const ordered: PlanEntry[] = [];
  const visit = (parentId: string | undefined) => {
    for (const e of children.get(parentId) ?? []) {
      ordered.push(e);
      visit(e.id);
    }
  };
  visit(undefined);
  return ordered;
}
