/**
 * The 達成度の区分 of each fiscal year, as every goal step, export and screen asks for it. Each year's
 * stream is folded once and kept with the revision it was folded to; a lookup asks the store only for
 * the events after it (almost always none), so another api process's change is seen on the next
 * request without a cache to invalidate, and a 実績登録 pays one short read.
 */
import { Inject, Injectable } from '@nestjs/common';
import {
  ACHIEVEMENT_SCALE_EVENTS,
  AchievementScale,
  achievementScaleStreamId,
  AchievementScaleState,
  decideAchievementScale,
  evolveAchievementScale,
  foldAchievementScale,
  initialAchievementScaleState,
  SetAchievementScale,
} from '@goals/domain';
import { EVENT_STORE, EventStore } from '@goals/event-store';
import { APP_CONFIG, AppConfig } from '@goals/infrastructure';
import { overviewGoalsOf, ReadModelQueries } from '@goals/read-models';
import { CommandContext } from '../shared/command-context';
import { EventStreams } from '../shared/event-streams';

interface Folded {
  revision: bigint | undefined;
  state: AchievementScaleState;
}

@Injectable()
export class AchievementScales {
  private readonly years = new Map<number, Folded>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly streams: EventStreams,
    private readonly readModels: ReadModelQueries,
  ) {}

  /** The directory file's scale: what a year uses until an administrator sets its own. */
  defaultScale(): AchievementScale {
    const levels = [...this.config.directory.achievementScale];
    const top = this.config.overview.achievedLevels;
    return { levels, achievedLevels: Math.max(1, Math.min(top, levels.length - 1)) };
  }

  /** The year's scale and whether it was set, with the revision of its stream (for If-Match). */
  async of(fiscalYear: number): Promise<Folded> {
    const cached = this.years.get(fiscalYear) ?? {
      revision: undefined,
      state: initialAchievementScaleState(fiscalYear, this.defaultScale()),
    };
    const from = cached.revision === undefined ? 0n : cached.revision + 1n;
    const { events } = await this.store.readStream(achievementScaleStreamId(fiscalYear), { fromRevision: from });
    if (events.length === 0) {
      this.years.set(fiscalYear, cached);
      return cached;
    }
    const next: Folded = {
      revision: events.at(-1)!.revision,
      state: ACHIEVEMENT_SCALE_EVENTS.read(events).reduce(evolveAchievementScale, cached.state),
    };
    // Two lookups may fold at once; the one that read further wins, neither is lost.
    const now = this.years.get(fiscalYear);
    if (!now || now.revision === undefined || now.revision < next.revision!) this.years.set(fiscalYear, next);
    return next;
  }

  async scaleOf(fiscalYear: number): Promise<AchievementScale> {
    return (await this.of(fiscalYear)).state.scale;
  }

  /** How many goals of the year carry a level (recorded or confirmed): while any does, the scale stays. */
  async ratedGoals(fiscalYear: number): Promise<number> {
    const goals = await overviewGoalsOf(this.readModels, fiscalYear);
    return goals.filter((g) => g.fiscalYear === fiscalYear && g.achievement !== undefined).length;
  }

  async set(
    fiscalYear: number,
    data: SetAchievementScale['data'],
    ctx: CommandContext,
  ): Promise<{ revision: bigint | undefined; state: AchievementScaleState }> {
    const ratedGoals = await this.ratedGoals(fiscalYear);
    const { revision, state, events } = await this.streams.decide(
      achievementScaleStreamId(fiscalYear),
      {
        fold: (stream) =>
          foldAchievementScale(fiscalYear, this.defaultScale(), ACHIEVEMENT_SCALE_EVENTS.read(stream.events)),
        decide: (before) =>
          decideAchievementScale({ type: 'SetAchievementScale', data, by: ctx.actor, ratedGoals }, before),
      },
      ctx,
    );
    const after = (events as Parameters<typeof evolveAchievementScale>[1][]).reduce(evolveAchievementScale, state);
    return { revision, state: after };
  }
}
