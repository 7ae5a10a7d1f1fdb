/**
 * 達成度の区分: the levels a goal's achievement is rated on, as the city writes them. The seed's four
 * levels are the default; a city may set another scale for a fiscal year, from published practice
 * (A 達成 / B 一部達成 / C 未達成; 計画以上 / 計画通り / 計画未満 / 評価不能; five levels) or its own.
 * A scale says which of its levels count as achieved (the 達成率), and may have a level that is given
 * but not counted at all (評価不能: the goal could not be judged that year).
 */
import { FieldError, InvalidInput } from '../errors';

export interface AchievementScale {
  /** The levels that are counted, best first. */
  levels: string[];
  /** How many of the best levels count as achieved (達成率): the top two on the seed's scale. */
  achievedLevels: number;
  /** A level that may be given but is counted neither as achieved nor as not (評価不能). */
  notAssessable?: string;
}

export type ScalePresetId = 'default' | 'abc' | 'plan' | 'five';

export interface ScalePreset {
  id: ScalePresetId;
  /** What an administrator reads when picking it. */
  name: string;
  scale: AchievementScale;
}

export const DEFAULT_SCALE: AchievementScale = {
  levels: ['高度に達成した', 'ほぼ達成した', '一部達成した', '達成できなかった'],
  achievedLevels: 2,
};

/** Scales cities publish; an administrator starts from one and may edit it. */
export const SCALE_PRESETS: readonly ScalePreset[] = [
  { id: 'default', name: '4段階（高度に達成した〜達成できなかった）', scale: DEFAULT_SCALE },
  {
    id: 'abc',
    name: '3段階（A 達成 / B 一部達成 / C 未達成）',
    scale: { levels: ['A 達成', 'B 一部達成', 'C 未達成'], achievedLevels: 1 },
  },
  {
    id: 'plan',
    name: '計画との比較（計画以上 / 計画通り / 計画未満 / 評価不能）',
    scale: { levels: ['計画以上', '計画通り', '計画未満'], achievedLevels: 2, notAssessable: '評価不能' },
  },
  {
    id: 'five',
    name: '5段階（S〜D）',
    scale: {
      levels: ['S 大きく上回った', 'A 達成した', 'B おおむね達成した', 'C 一部達成した', 'D 達成できなかった'],
      achievedLevels: 2,
    },
  },
];

export const SCALE_LIMITS = { minLevels: 2, maxLevels: 7, labelLength: 30 } as const;

/** Every level a goal may be given, in the order a form lists them: the counted ones, then 評価不能. */
export function selectableLevels(scale: AchievementScale): string[] {
  return scale.notAssessable ? [...scale.levels, scale.notAssessable] : [...scale.levels];
}

/** The levels that count as achieved in the 達成率. */
export function achievedLevelsOf(scale: AchievementScale): string[] {
  return scale.levels.slice(0, scale.achievedLevels);
}

/**
 * The levels below the achieved ones (評価不能 excluded): a goal rated at one of them was not met,
 * and is what the next year's sheet is offered to carry over.
 */
export function unachievedLevels(scale: AchievementScale): string[] {
  return scale.levels.slice(scale.achievedLevels);
}

/** Whether a level counts in the 達成率 at all (評価不能 and a level of no scale do not). */
export function countsInRate(scale: AchievementScale, level: string): boolean {
  return scale.levels.includes(level);
}

export function sameScale(a: AchievementScale, b: AchievementScale): boolean {
  return (
    a.achievedLevels === b.achievedLevels &&
    (a.notAssessable ?? '') === (b.notAssessable ?? '') &&
    a.levels.length === b.levels.length &&
    a.levels.every((l, i) => l === b.levels[i])
  );
}

/** The preset a scale is, if it is one unchanged. */
export function presetOf(scale: AchievementScale): ScalePresetId | undefined {
  return SCALE_PRESETS.find((p) => sameScale(p.scale, scale))?.id;
}

/** Each problem of a scale an administrator sent, at once, named by its field. */
export function validateScale(value: {
  levels?: unknown;
  achievedLevels?: unknown;
  notAssessable?: unknown;
}): FieldError[] {
  const errors: FieldError[] = [];
  const { minLevels, maxLevels, labelLength } = SCALE_LIMITS;
  const label = (field: string, v: unknown, name: string): string | undefined => {
    if (typeof v !== 'string' || v.trim() === '') {
      errors.push({ field, reason: 'must not be empty', ja: `${name}を入力してください` });
      return undefined;
    }
    if (v !== v.trim())
      errors.push({
        field,
        reason: 'must not begin or end with spaces',
        ja: `${name}の前後に空白を入れないでください`,
      });
    else if (v.length > labelLength)
      errors.push({
        field,
        reason: `must be at most ${labelLength} characters`,
        ja: `${name}は${labelLength}字以内で入力してください（現在${v.length}字）`,
      });
    // eslint-disable-next-line no-control-regex
    else if (/[\u0000-\u001f\u007f]/.test(v))
      errors.push({
        field,
        reason: 'must be one line of text',
        ja: `${name}は改行やタブを含まない1行で入力してください`,
      });
    return v;
  };
  const levels = value.levels;
  if (!Array.isArray(levels) || levels.length < minLevels || levels.length > maxLevels) {
    errors.push({
      field: 'levels',
      reason: `must list ${minLevels} to ${maxLevels} levels`,
      ja: `達成度の区分は${minLevels}〜${maxLevels}段階で入力してください`,
    });
    return errors;
  }
  const labels = levels.map((v, i) => label(`levels[${i}]`, v, `${i + 1}番目の区分`));
  const notAssessable =
    value.notAssessable === undefined || value.notAssessable === null
      ? undefined
      : label('notAssessable', value.notAssessable, '評価不能の区分');
  const all = [...labels, notAssessable].filter((l): l is string => typeof l === 'string');
  const twice = [...new Set(all.filter((l, i) => all.indexOf(l) !== i))];
  if (twice.length)
    errors.push({
      field: 'levels',
      reason: `names a level twice: ${twice.join(', ')}`,
      ja: `同じ区分が二度あります：${twice.join('、')}`,
    });
  const n = value.achievedLevels;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n >= levels.length)
    errors.push({
      field: 'achievedLevels',
      reason: `must be a whole number from 1 to ${levels.length - 1}`,
      ja: `達成とみなす区分は上位1〜${levels.length - 1}段階から選んでください（少なくとも一つは未達成の区分が要ります）`,
    });
  return errors;
}

export function assertScale(value: Parameters<typeof validateScale>[0]): AchievementScale {
  const errors = validateScale(value);
  if (errors.length) throw new InvalidInput(errors);
  return {
    levels: [...(value.levels as string[])],
    achievedLevels: value.achievedLevels as number,
    ...(value.notAssessable ? { notAssessable: value.notAssessable as string } : {}),
  };
}
