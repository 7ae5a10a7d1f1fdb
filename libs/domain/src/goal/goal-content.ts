import { COMMON_SECTION } from '../directory';
import { FieldError, InvalidInput } from '../errors';
import { DepartmentInYear } from '../organisation/organisation';
import { PlanInYear, validateMeasure } from '../plan/plan';

/** One row of the sheet, as a section head writes it. 番号 and 達成状況 live elsewhere. */
export interface GoalContent {
  /** 実施項目 */
  title: string;
  /** 計画・方針等の分類 */
  category: string;
  /** どの水準まで (達成水準又は遂行後の状態等) */
  targetLevel: string;
  /** どのような方法で (目標等を達成するための取組の内容等) */
  method: string;
  /** いつまで: a month of the fiscal year, 1–12. */
  deadlineMonth: number;
  /** 共通/課名: one or more sections by id, or exactly ['共通']. People see them named as of the fiscal year. */
  sections: string[];
  /** 施策: the 総合計画 施策 the goal serves, by the plan's id; optional ('' takes a named one away: none). */
  measureId?: string;
}

/**
 * What a goal's rules need of its fiscal year: the vocabularies, and its department as it stood that
 * year (the sections a goal may name, by id, and the names refusals use).
 */
export interface GoalRules {
  categories: readonly string[];
  achievementScale: readonly string[];
  department: DepartmentInYear;
  /** The sections carrying these sections' work on the day of the command (their successors after a merge or split). */
  carriedBy?: (sectionIds: readonly string[]) => string[];
  /** The 総合計画 of the goal's year, where the city has loaded one: the 施策 a goal may name. */
  measures?: { fiscalYear: number; plan?: PlanInYear };
}

export const GOAL_FIELDS = [
  'title',
  'category',
  'targetLevel',
  'method',
  'deadlineMonth',
  'sections',
  'measureId',
] as const;
export type GoalField = (typeof GOAL_FIELDS)[number];

/**
 * Longest texts accepted. The real sheet's longest cell is about 250 characters; these leave room
 * for a wordy year without letting one request fill the store.
 */
/** The sheet's column headings, as refusals name them. */
const COLUMN_JA = { title: '実施項目', targetLevel: 'どの水準まで', method: 'どのような方法で' } as const;

export const TEXT_LIMITS = { title: 200, targetLevel: 2000, method: 2000, reason: 1000, comment: 1000 } as const;

export function isCommonGoal(sections: readonly string[]): boolean {
  return sections.length === 1 && sections[0] === COMMON_SECTION;
}

/** Checks content against the year's vocabularies and sections; every problem is reported at once. */
export function validateGoalContent(content: Partial<GoalContent>, rules: GoalRules): FieldError[] {
  const errors: FieldError[] = [];
  const text = (field: 'title' | 'targetLevel' | 'method') => {
    const v = content[field];
    if (v === undefined) return;
    if (typeof v !== 'string' || v.trim() === '')
      errors.push({ field, reason: 'must not be empty', ja: `${COLUMN_JA[field]}を入力してください` });
    else if (v.length > TEXT_LIMITS[field])
      errors.push({
        field,
        reason: `must be at most ${TEXT_LIMITS[field]} characters`,
        ja: `${COLUMN_JA[field]}は${TEXT_LIMITS[field].toLocaleString('ja-JP')}字以内で入力してください（現在${v.length.toLocaleString('ja-JP')}字）`,
      });
  };
  text('title');
  text('targetLevel');
  text('method');
  if (content.category !== undefined && !rules.categories.includes(content.category))
    errors.push({
      field: 'category',
      reason: `must be one of ${rules.categories.join(', ')}`,
      ja: `計画・方針等の分類は次から選んでください：${rules.categories.join('、')}`,
    });
  if (content.deadlineMonth !== undefined) {
    const m = content.deadlineMonth;
    if (!Number.isInteger(m) || m < 1 || m > 12)
      errors.push({
        field: 'deadlineMonth',
        reason: 'must be a month, 1 to 12',
        ja: 'いつまでは1月から12月の月で選んでください',
      });
  }
  if (content.sections !== undefined) errors.push(...validateSections(content.sections, rules.department));
  errors.push(...validateMeasure(content.measureId, rules.measures?.plan, rules.measures?.fiscalYear));
  return errors;
}

function validateSections(sections: string[], department: DepartmentInYear): FieldError[] {
  const field = 'sections';
  if (!Array.isArray(sections) || sections.length === 0)
    return [
      {
        field,
        reason: `must name at least one section, or ${COMMON_SECTION}`,
        ja: `担当する課を一つ以上選ぶか、「${COMMON_SECTION}」を選んでください`,
      },
    ];
  if (new Set(sections).size !== sections.length)
    return [{ field, reason: 'names a section twice', ja: '同じ課が二度選ばれています' }];
  if (sections.includes(COMMON_SECTION))
    return sections.length === 1
      ? []
      : [
          {
            field,
            reason: `${COMMON_SECTION} cannot be combined with sections`,
            ja: `「${COMMON_SECTION}」と課名は一緒に選べません。どちらかにしてください`,
          },
        ];
  const unknown = sections.filter((s) => !department.sections.some((known) => known.sectionId === s));
  return unknown.length
    ? [
        {
          field,
          reason: `${unknown.join('、')} is not a section of ${department.name}`,
          ja: `${unknown.join('、')}は${department.name}の課ではありません（この年度の課から選んでください）`,
        },
      ]
    : [];
}

export function assertGoalContent(content: Partial<GoalContent>, rules: GoalRules): void {
  const errors = validateGoalContent(content, rules);
  if (errors.length) throw new InvalidInput(errors);
}

/** A goal's section ids as the year's sheet names them (共通 as it is; an unknown id as it is). */
export function sectionNamesOf(sections: readonly string[], department: DepartmentInYear): string[] {
  return sections.map((s) => department.sections.find((known) => known.sectionId === s)?.name ?? s);
}

/** The fields of `changes` that differ from `current`; an unchanged field is no change. */
export function changedFields(current: GoalContent, changes: Partial<GoalContent>): Partial<GoalContent> {
  const diff: Partial<GoalContent> = {};
  for (const field of GOAL_FIELDS) {
    const next = changes[field];
    if (next === undefined) continue;
    if (JSON.stringify(next) !== JSON.stringify(current[field])) (diff as Record<string, unknown>)[field] = next;
  }
  return diff;
}

export function requireReason(field: 'reason', value: string | undefined): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw InvalidInput.of(field, 'a reason is required', '理由を入力してください');
  if (value.length > TEXT_LIMITS.reason)
    throw InvalidInput.of(
      field,
      `must be at most ${TEXT_LIMITS.reason} characters`,
      `理由は${TEXT_LIMITS.reason.toLocaleString('ja-JP')}字以内で入力してください（現在${value.length.toLocaleString('ja-JP')}字）`,
    );
  return value;
}
