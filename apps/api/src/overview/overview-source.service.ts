/**
 * Where 全庁の状況 gets its inputs: the organisation as named in the year, the year's goals from the
 * read models, the year's 達成度の区分 (its levels, which count as achieved, 評価不能). The
 * figures are the domain's pure overviewOf; this service only gathers and checks what was asked.
 */
import { Inject, Injectable } from '@nestjs/common';
import {
  Actor,
  authorizeOverview,
  COMMON_SECTION,
  CountedStatus,
  departmentsIn,
  fiscalYearLabel,
  fiscalYearOfDate,
  InvalidInput,
  jstDateOf,
  Overview,
  OverviewFilter,
  overviewOf,
  OverviewSort,
  OVERVIEW_SORT_KEYS,
  OverviewSortKey,
  yearsSideBySide,
} from '@goals/domain';
import type { Redis } from 'ioredis';
import { READ_MODEL_PREFIX, REDIS } from '@goals/infrastructure';
import { CLOCK, Clock } from '@goals/platform';
import { overviewGoalsOf, overviewProgressOf, ReadModelQueries } from '@goals/read-models';
import { OrganisationDirectory } from '../organisation/organisation-directory.service';
import { AchievementScales } from '../scales/achievement-scales.service';
import { scaleView } from '../scales/achievement-scale.view';
import { figureAt, OverviewGoalView, overviewView, OverviewView } from './overview.view';

/** The query string as other systems and the screen send it: names as the year names them. */
export interface OverviewRequest {
  fiscalYear?: string;
  department?: string;
  category?: string;
  section?: string;
  sort?: string;
  order?: string;
}

export type OverviewYearsView = Awaited<ReturnType<OverviewSource['years']>>;

/** How many years back the years side by side reaches at most. */
const MAX_YEARS = 15;

@Injectable()
export class OverviewSource {
  constructor(
    private readonly readModels: ReadModelQueries,
    private readonly organisation: OrganisationDirectory,
    private readonly scales: AchievementScales,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(READ_MODEL_PREFIX) private readonly prefix: string,
  ) {}

  today(): string {
    return jstDateOf(this.clock.now());
  }

  fiscalYear(value: string | undefined, field = 'fiscalYear'): number {
    if (value === undefined || value === '') return fiscalYearOfDate(this.today());
    if (typeof value !== 'string' || !/^\d{4}$/.test(value) || Number(value) < 1989 || Number(value) > 2100)
      throw InvalidInput.of(field, '年度は始まる年を西暦4桁で指定してください（例: 令和4年度なら 2022）');
    return Number(value);
  }

  /** The overview of one year as the screen and other systems read it; each figure links to its goals. */
  async overview(actor: Actor, request: OverviewRequest): Promise<OverviewView> {
    return (await this.overviewWithGoals(actor, request)).view;
  }

  /** The same, with every goal of the figures (for the files' 目標一覧). */
  async overviewWithGoals(
    actor: Actor,
    request: OverviewRequest,
  ): Promise<{ view: OverviewView; goals: OverviewGoalView[] }> {
    authorizeOverview(actor);
    const fiscalYear = this.fiscalYear(request.fiscalYear);
    const { overview, goals } = await this.compute(fiscalYear, request);
    const state = await this.organisation.current();
    const query = Object.fromEntries(
      (['department', 'category', 'section'] as const).flatMap((k) => (request[k] ? [[k, request[k]]] : [])),
    );
    return {
      view: overviewView(overview, state, this.organisation.vocabulary().categories, query),
      goals: goals(overview.total.goals.goalIds),
    };
  }

  /** The goals behind one figure of one department (or of the whole city, without `departmentId`). */
  async goalsBehind(actor: Actor, request: OverviewRequest & { departmentId?: string; figure?: string }) {
    authorizeOverview(actor);
    const fiscalYear = this.fiscalYear(request.fiscalYear);
    if (!request.figure) throw InvalidInput.of('figure', '数字の種類（例: byStatus.draft）を指定してください');
    const { overview, goals } = await this.compute(fiscalYear, { ...request, sort: undefined, order: undefined });
    const row = request.departmentId
      ? overview.rows.find((r) => r.departmentId === request.departmentId)
      : overview.total;
    if (!row) throw InvalidInput.of('departmentId', `${fiscalYearLabel(fiscalYear)}の部にありません`);
    const figure = figureAt(row, request.figure);
    if (!figure) throw InvalidInput.of('figure', `${request.figure} という数字はありません`);
    return {
      fiscalYear,
      department: row.department,
      figure: request.figure,
      count: figure.count,
      goals: goals(figure.goalIds),
    };
  }

  /** Each year from `from` to `to`, its departments lined up along their lineage. */
  async years(actor: Actor, request: OverviewRequest & { from?: string; to?: string }) {
    authorizeOverview(actor);
    const to = this.fiscalYear(request.to, 'to');
    const from = request.from === undefined || request.from === '' ? to - 4 : this.fiscalYear(request.from, 'from');
    if (from > to) throw InvalidInput.of('from', 'から の年度は まで の年度より前にしてください');
    if (to - from + 1 > MAX_YEARS) throw InvalidInput.of('from', `並べられるのは${MAX_YEARS}年度までです`);
    const overviews: Overview[] = [];
    for (let fy = from; fy <= to; fy++) {
      const { overview } = await this.compute(fy, { ...request, department: undefined });
      // Years before the city's first sheet are left out, not shown as empty.
      if (overviews.length || overview.total.goals.count) overviews.push(overview);
    }
    const side = yearsSideBySide(await this.organisation.current(), overviews);
    // Each year is rated on its own scale: the screen says per year what counted as achieved.
    const scales = await Promise.all(side.fiscalYears.map(async (fy) => scaleView(await this.scales.scaleOf(fy))));
    return {
      ...side,
      // Counts only: the goals of a year are read through that year's overview.
      lines: side.lines.map((l) => ({ ...l, years: l.years.map(({ goalIds: _ids, ...y }) => y) })),
      fiscalYearLabels: side.fiscalYears.map(fiscalYearLabel),
      scales,
    };
  }

  private async compute(
    fiscalYear: number,
    request: OverviewRequest,
  ): Promise<{ overview: Overview; goals: (ids: readonly string[]) => OverviewGoalView[] }> {
    const state = await this.organisation.current();
    const departments = departmentsIn(state, fiscalYear);
    const { categories } = this.organisation.vocabulary();
    const scale = await this.scales.scaleOf(fiscalYear);
    const filter: OverviewFilter = {};
    const label = fiscalYearLabel(fiscalYear);
    if (request.department) {
      const found = departments.find((d) => d.name === request.department);
      if (!found) throw InvalidInput.of('department', `${request.department} は${label}の部にありません`);
      filter.departmentIds = [found.departmentId];
    }
    if (request.category) {
      if (!categories.includes(request.category))
        throw InvalidInput.of('category', `計画・方針等の分類は ${categories.join('、')} のいずれかです`);
      filter.category = request.category;
    }
    if (request.section) {
      const among = filter.departmentIds
        ? departments.filter((d) => filter.departmentIds!.includes(d.departmentId))
        : departments;
      const ids =
        request.section === COMMON_SECTION
          ? [COMMON_SECTION]
          : [
              ...new Set(
                among.flatMap((d) => d.sections.filter((s) => s.name === request.section).map((s) => s.sectionId)),
              ),
            ];
      if (ids.length === 0) throw InvalidInput.of('section', `${request.section} は${label}の課にありません`);
      if (ids.length > 1)
        throw InvalidInput.of('section', `${request.section} という課が複数の部にあります。部も指定してください`);
      filter.sectionId = ids[0];
    }
    const sort: OverviewSort = { by: 'department' };
    if (request.sort) {
      if (!OVERVIEW_SORT_KEYS.includes(request.sort as OverviewSortKey))
        throw InvalidInput.of('sort', `並べ替えは ${OVERVIEW_SORT_KEYS.join('、')} のいずれかです`);
      sort.by = request.sort as OverviewSortKey;
    }
    if (request.order !== undefined && request.order !== 'asc' && request.order !== 'desc')
      throw InvalidInput.of('order', '並び順は asc（昇順）か desc（降順）です');
    sort.descending = request.order === 'desc';
    const goals = await overviewGoalsOf(this.readModels, fiscalYear);
    const progress = await overviewProgressOf(this.redis, this.prefix, [...new Set(goals.map((g) => g.sheetId))]);
    const overview = overviewOf(
      {
        fiscalYear,
        today: this.today(),
        departments,
        goals,
        achievementScale: scale.levels,
        achievedLevels: scale.achievedLevels,
        notCounted: scale.notAssessable ? [scale.notAssessable] : [],
        ...(progress ? { progress } : {}),
      },
      filter,
      sort,
    );
    const naming = await this.organisation.naming();
    const byId = new Map(goals.map((g) => [g.goalId, g]));
    // Named only for the goals asked for: naming 4,500 goals' sections costs more than the figures.
    const views = (ids: readonly string[]): OverviewGoalView[] =>
      ids.flatMap((id) => {
        const g = byId.get(id);
        return g
          ? [
              {
                goalId: g.goalId,
                sheetId: g.sheetId,
                number: g.number ?? null,
                title: g.title,
                department: naming.department(g.departmentId, fiscalYear),
                category: g.category,
                sections: naming.sections(g.sections, fiscalYear),
                // Figures never count a deleted draft, so none is asked for by id.
                status: g.status as CountedStatus,
                achievement: g.achievement ?? null,
              },
            ]
          : [];
      });
    return { overview, goals: views };
  }
}
