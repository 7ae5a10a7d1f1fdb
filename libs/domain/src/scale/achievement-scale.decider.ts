/**
 * Setting a fiscal year's 達成度の区分 (`achievement-scale-<fiscalYear>`, one stream per year so that
 * each year's screen has its own revision). An administrator sets it; once a goal of the year has
 * been given a level the scale stays as it is, so no rating comes to mean something else afterwards.
 * A level given keeps its label whatever happens to the scale (the goal's event holds the label).
 */
import { Actor } from '../directory';
import { IllegalTransition, NotAllowed } from '../errors';
import { eventSchema } from '../events/event-schema';
import { fiscalYearLabel } from '../fiscal-year';
import { requireReason } from '../goal/goal-content';
import { AUDITOR_JA, refusePlanningWrite } from '../permissions';
import { AchievementScale, assertScale, presetOf, sameScale, ScalePresetId } from './achievement-scale';

export type AchievementScaleSet = {
  type: 'AchievementScaleSet';
  data: AchievementScale & { fiscalYear: number; preset?: ScalePresetId; reason: string };
};
export type AchievementScaleEvent = AchievementScaleSet;

export const ACHIEVEMENT_SCALE_EVENT_TYPES = [
  'AchievementScaleSet',
] as const satisfies readonly AchievementScaleEvent['type'][];
export const ACHIEVEMENT_SCALE_EVENTS = eventSchema<AchievementScaleEvent>(ACHIEVEMENT_SCALE_EVENT_TYPES);

export function achievementScaleStreamId(fiscalYear: number): string {
  return `achievement-scale-${fiscalYear}`;
}

export interface SetAchievementScale {
  type: 'SetAchievementScale';
  /** The scale as the administrator sent it: checked here, field by field. */
  data: { levels?: unknown; achievedLevels?: unknown; notAssessable?: unknown; reason?: string };
  by: Actor;
  /** How many goals of the year have a level (recorded or confirmed), counted by the caller. */
  ratedGoals: number;
}
export type AchievementScaleCommand = SetAchievementScale;

export interface AchievementScaleState {
  fiscalYear: number;
  /** The scale in force: the default until one is set. */
  scale: AchievementScale;
  /** Whether the year has a scale of its own (set by an administrator). */
  set: boolean;
}

export function initialAchievementScaleState(
  fiscalYear: number,
  defaultScale: AchievementScale,
): AchievementScaleState {
  return { fiscalYear, scale: defaultScale, set: false };
}

export function evolveAchievementScale(
  state: AchievementScaleState,
  event: AchievementScaleEvent,
): AchievementScaleState {
  switch (event.type) {
    case 'AchievementScaleSet': {
      const { levels, achievedLevels, notAssessable } = event.data;
      return {
        ...state,
        scale: { levels, achievedLevels, ...(notAssessable ? { notAssessable } : {}) },
        set: true,
      };
    }
  }
}

export function foldAchievementScale(
  fiscalYear: number,
  defaultScale: AchievementScale,
  events: readonly AchievementScaleEvent[],
): AchievementScaleState {
  return events.reduce(evolveAchievementScale, initialAchievementScaleState(fiscalYear, defaultScale));
}

/** The scale is the city's rule for every department: an administrator's, by the role or the 管理者 post held today. */
export function authorizeScaleAdmin(actor: Actor): void {
  if (actor.role === 'admin' || actor.posts?.some((p) => p.kind === 'admin')) return;
  if (actor.role === 'auditor') throw new NotAllowed('auditor-read-only', 'auditors never write', AUDITOR_JA);
  refusePlanningWrite(actor);
  throw new NotAllowed(
    'admins-only',
    'only an administrator sets the achievement scale',
    '達成度の区分を決められるのは管理者だけです',
  );
}

/** The refusal people read when a rated year's scale would change. */
export function scaleLockedReason(fiscalYear: number, ratedGoals: number): string {
  return (
    `${fiscalYearLabel(fiscalYear)}は${ratedGoals.toLocaleString('ja-JP')}件の目標に達成度が付けられているため、` +
    '達成度の区分は変えられません（付けられた達成度はそのまま残ります）'
  );
}

export function decideAchievementScale(
  command: AchievementScaleCommand,
  state: AchievementScaleState,
): AchievementScaleEvent[] {
  switch (command.type) {
    case 'SetAchievementScale': {
      authorizeScaleAdmin(command.by);
      const scale = assertScale(command.data);
      const reason = requireReason('reason', command.data.reason);
      // Setting what is already in force changes nothing (a retry, or a second click).
      if (sameScale(scale, state.scale)) return [];
      if (command.ratedGoals > 0) {
        const ja = scaleLockedReason(state.fiscalYear, command.ratedGoals);
        throw new IllegalTransition(
          'SetAchievementScale',
          'rated',
          `${command.ratedGoals} goals of ${state.fiscalYear} are rated: the scale cannot change`,
          ja,
        );
      }
      const preset = presetOf(scale);
      return [
        {
          type: 'AchievementScaleSet',
          data: { fiscalYear: state.fiscalYear, ...scale, ...(preset ? { preset } : {}), reason },
        },
      ];
    }
  }
}
