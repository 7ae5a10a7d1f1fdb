import { IllegalTransition, InvalidInput, NotAllowed } from '../errors';
import { deciderSpecification } from '../testing/decider-specification';
import { actors } from '../testing/fixtures';
import {
  achievedLevelsOf,
  countsInRate,
  DEFAULT_SCALE,
  SCALE_PRESETS,
  selectableLevels,
  unachievedLevels,
} from './achievement-scale';
import {
  AchievementScaleCommand,
  AchievementScaleEvent,
  AchievementScaleState,
  decideAchievementScale,
  evolveAchievementScale,
  initialAchievementScaleState,
} from './achievement-scale.decider';

const { given } = deciderSpecification<AchievementScaleCommand, AchievementScaleState, AchievementScaleEvent>({
  decide: decideAchievementScale,
  evolve: evolveAchievementScale,
  initialState: () => initialAchievementScaleState(2025, DEFAULT_SCALE),
});

const plan = { levels: ['計画以上', '計画通り', '計画未満'], achievedLevels: 2, notAssessable: '評価不能' };
const set = (
  data: AchievementScaleCommand['data'],
  { by = actors.admin, ratedGoals = 0 }: { by?: AchievementScaleCommand['by']; ratedGoals?: number } = {},
): AchievementScaleCommand => ({ type: 'SetAchievementScale', data, by, ratedGoals });
const planSet: AchievementScaleEvent = {
  type: 'AchievementScaleSet',
  data: { fiscalYear: 2025, ...plan, preset: 'plan', reason: '市の要綱に合わせる' },
};

describe('達成度の区分 of a fiscal year', () => {
  it('an administrator sets a published scale, named as its preset, with the reason', () => {
    given([])
      .when(set({ ...plan, reason: '市の要綱に合わせる' }))
      .then([planSet]);
  });

  it('a scale of the city’s own wording is kept as written, without a preset', () => {
    const own = { levels: ['◎', '○', '△', '×'], achievedLevels: 3, reason: '独自' };
    given([])
      .when(set(own))
      .then([
        {
          type: 'AchievementScaleSet',
          data: { fiscalYear: 2025, levels: own.levels, achievedLevels: 3, reason: '独自' },
        },
      ]);
  });

  it('setting the scale already in force changes nothing (the default too)', () => {
    given([planSet])
      .when(set({ ...plan, reason: 'もう一度' }))
      .thenNothingHappens();
    given([])
      .when(set({ ...DEFAULT_SCALE, reason: '既定のまま' }))
      .thenNothingHappens();
  });

  it('goes back to the default scale while no goal is rated', () => {
    given([planSet])
      .when(set({ ...DEFAULT_SCALE, reason: '戻す' }))
      .then([
        {
          type: 'AchievementScaleSet',
          data: { fiscalYear: 2025, ...DEFAULT_SCALE, preset: 'default', reason: '戻す' },
        },
      ]);
  });

  it('refuses to change a scale under rated goals, naming how many are rated', () => {
    given([])
      .when(set({ ...plan, reason: '変更' }, { ratedGoals: 12 }))
      .thenThrows(IllegalTransition, (e) =>
        expect(e.ja).toBe(
          '令和7年度は12件の目標に達成度が付けられているため、達成度の区分は変えられません（付けられた達成度はそのまま残ります）',
        ),
      );
    given([planSet])
      .when(set({ ...plan, notAssessable: undefined, reason: '評価不能をなくす' }, { ratedGoals: 1 }))
      .thenThrows(IllegalTransition);
  });

  it.each([
    ['a section head', actors.shiminKacho, '達成度の区分を決められるのは管理者だけです'],
    ['a department head', actors.bucho, '達成度の区分を決められるのは管理者だけです'],
    ['an auditor', actors.auditor, '監査は閲覧だけができます。変更はできません'],
  ])('refuses %s', (_who, by, ja) => {
    given([])
      .when(set({ ...plan, reason: 'x' }, { by }))
      .thenThrows(NotAllowed, (e) => expect(e.ja).toBe(ja));
  });

  it('a person holding the 管理者 post may set it, whatever the token says', () => {
    const poster = { ...actors.shiminKacho, posts: [{ kind: 'admin' as const, title: '管理者' }] };
    given([])
      .when(set({ ...plan, reason: '市の要綱に合わせる' }, { by: poster }))
      .then([planSet]);
  });

  it.each<[string, AchievementScaleCommand['data'], string, string]>([
    [
      'one level',
      { levels: ['達成'], achievedLevels: 1, reason: 'r' },
      'levels',
      '達成度の区分は2〜7段階で入力してください',
    ],
    [
      'eight levels',
      { levels: [...'12345678'], achievedLevels: 1, reason: 'r' },
      'levels',
      '達成度の区分は2〜7段階で入力してください',
    ],
    [
      'not a list',
      { levels: '達成', achievedLevels: 1, reason: 'r' },
      'levels',
      '達成度の区分は2〜7段階で入力してください',
    ],
    [
      'an empty label',
      { levels: ['達成', ' '], achievedLevels: 1, reason: 'r' },
      'levels[1]',
      '2番目の区分を入力してください',
    ],
    [
      'a label with a line break',
      { levels: ['達成', '未\n達成'], achievedLevels: 1, reason: 'r' },
      'levels[1]',
      '2番目の区分は改行やタブを含まない1行で入力してください',
    ],
    [
      'a label too long',
      { levels: ['達成', 'あ'.repeat(31)], achievedLevels: 1, reason: 'r' },
      'levels[1]',
      '2番目の区分は30字以内で入力してください（現在31字）',
    ],
    [
      'a level twice',
      { levels: ['達成', '達成'], achievedLevels: 1, reason: 'r' },
      'levels',
      '同じ区分が二度あります：達成',
    ],
    [
      '評価不能 that is a level',
      { levels: ['達成', '未達成'], achievedLevels: 1, notAssessable: '達成', reason: 'r' },
      'levels',
      '同じ区分が二度あります：達成',
    ],
    [
      'every level achieved',
      { levels: ['達成', '未達成'], achievedLevels: 2, reason: 'r' },
      'achievedLevels',
      '達成とみなす区分は上位1〜1段階から選んでください（少なくとも一つは未達成の区分が要ります）',
    ],
    [
      'no level achieved',
      { levels: ['達成', '未達成'], achievedLevels: 0, reason: 'r' },
      'achievedLevels',
      '達成とみなす区分は上位1〜1段階から選んでください（少なくとも一つは未達成の区分が要ります）',
    ],
    [
      'a fraction achieved',
      { levels: ['達成', '一部', '未達成'], achievedLevels: 1.5, reason: 'r' },
      'achievedLevels',
      '達成とみなす区分は上位1〜2段階から選んでください（少なくとも一つは未達成の区分が要ります）',
    ],
    ['no reason', { ...plan }, 'reason', '理由を入力してください'],
  ])('refuses %s, naming the field in Japanese', (_what, data, field, ja) => {
    given([])
      .when(set(data))
      .thenThrows(InvalidInput, (e) => {
        expect(e.errors.map((f) => f.field)).toContain(field);
        expect(e.errors.map((f) => f.ja)).toContain(ja);
      });
  });
});

describe('what a scale says of its levels', () => {
  it.each([
    ['default', ['高度に達成した', 'ほぼ達成した'], ['一部達成した', '達成できなかった']],
    ['abc', ['A 達成'], ['B 一部達成', 'C 未達成']],
    ['plan', ['計画以上', '計画通り'], ['計画未満']],
    ['five', ['S 大きく上回った', 'A 達成した'], ['B おおむね達成した', 'C 一部達成した', 'D 達成できなかった']],
  ])('%s: achieved and unachieved levels; 評価不能 is neither', (id, achieved, unachieved) => {
    const scale = SCALE_PRESETS.find((p) => p.id === id)!.scale;
    expect(achievedLevelsOf(scale)).toEqual(achieved);
    expect(unachievedLevels(scale)).toEqual(unachieved);
  });

  it('評価不能 may be given but counts in no rate', () => {
    const scale = SCALE_PRESETS.find((p) => p.id === 'plan')!.scale;
    expect(selectableLevels(scale)).toEqual(['計画以上', '計画通り', '計画未満', '評価不能']);
    expect(countsInRate(scale, '評価不能')).toBe(false);
    expect(countsInRate(scale, '計画未満')).toBe(true);
  });
});
