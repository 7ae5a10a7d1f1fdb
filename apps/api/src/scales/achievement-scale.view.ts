import {
  AchievementScale,
  achievedLevelsOf,
  fiscalYearLabel,
  presetOf,
  SCALE_PRESETS,
  selectableLevels,
  unachievedLevels,
} from '@goals/domain';

const str = { type: 'string' };
const int = { type: 'integer' };
const strings = { type: 'array', items: str };
const obj = (properties: Record<string, unknown>, required = Object.keys(properties)) => ({
  type: 'object',
  required,
  properties,
});

const SCALE = obj(
  {
    levels: strings,
    achievedLevels: int,
    notAssessable: { ...str, nullable: true },
    selectable: strings,
    achieved: strings,
    unachieved: strings,
  },
  ['levels', 'achievedLevels', 'notAssessable', 'selectable', 'achieved', 'unachieved'],
);

/** A scale as screens and other systems read it: its levels, which are achieved, which not, 評価不能. */
export function scaleView(scale: AchievementScale) {
  return {
    levels: scale.levels,
    achievedLevels: scale.achievedLevels,
    notAssessable: scale.notAssessable ?? null,
    selectable: selectableLevels(scale),
    achieved: achievedLevelsOf(scale),
    unachieved: unachievedLevels(scale),
  };
}

export const ACHIEVEMENT_SCALE_SCHEMA = obj({
  fiscalYear: int,
  fiscalYearLabel: str,
  ...SCALE.properties,
  preset: { ...str, nullable: true },
  set: { type: 'boolean' },
  ratedGoals: int,
  locked: { type: 'boolean' },
  revision: { ...int, nullable: true },
  presets: { type: 'array', items: obj({ id: str, name: str, scale: SCALE }) },
});

export function achievementScaleView(
  fiscalYear: number,
  folded: { revision: bigint | undefined; state: { scale: AchievementScale; set: boolean } },
  ratedGoals: number,
) {
  const { scale, set } = folded.state;
  return {
    fiscalYear,
    fiscalYearLabel: fiscalYearLabel(fiscalYear),
    ...scaleView(scale),
    preset: presetOf(scale) ?? null,
    set,
    ratedGoals,
    locked: ratedGoals > 0,
    revision: folded.revision === undefined ? null : Number(folded.revision),
    presets: SCALE_PRESETS.map((p) => ({ id: p.id, name: p.name, scale: scaleView(p.scale) })),
  };
}
