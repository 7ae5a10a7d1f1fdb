/**
 * Years side by side: a department's figures across fiscal years, following the organisation's
 * lineage so that a renamed or merged department's history stays together. A rename keeps the
 * department's id; a department abolished in a 機構改革 hands its work on with its sections, so its
 * years join the line of the department most of its sections went to (directly, or through the
 * sections that took over a merged or split one).
 */
import { addDays } from '../fiscal-year';
import { departmentsIn, OrganisationState, sectionDepartmentOn, sectionExistsOn } from '../organisation/organisation';
import { successorsOn } from '../organisation/section-lineage';
import { departmentNameIn } from '../organisation/organisation-names';
import { Overview } from './overview';

/** The department whose line a department's years belong to: itself, or where its work went when abolished. */
export function departmentLine(state: OrganisationState, departmentId: string): string {
  const seen = new Set<string>();
  let current = departmentId;
  for (;;) {
    if (seen.has(current)) return current;
    seen.add(current);
    const next = successorDepartment(state, current);
    if (!next) return current;
    current = next;
  }
}

function successorDepartment(state: OrganisationState, departmentId: string): string | undefined {
  const abolished = state.departments.get(departmentId)?.abolishedFrom;
  if (!abolished) return undefined;
  const dayBefore = addDays(abolished, -1);
  const tally = new Map<string, number>();
  for (const section of state.sections.values()) {
    if (!sectionExistsOn(state, section.sectionId, dayBefore)) continue;
    if (sectionDepartmentOn(state, section.sectionId, dayBefore) !== departmentId) continue;
    for (const heir of successorsOn(state, [section.sectionId], abolished)) {
      const d = sectionDepartmentOn(state, heir, abolished);
      if (d && d !== departmentId) tally.set(d, (tally.get(d) ?? 0) + 1);
    }
  }
  // Most sections decide; on a tie, the department established first (the order the city lists them).
  const order = [...state.departments.keys()];
  return [...tally.entries()].sort((a, b) => b[1] - a[1] || order.indexOf(a[0]) - order.indexOf(b[0]))[0]?.[0];
}

export interface LineYear {
  fiscalYear: number;
  /** The departments of the line that year, as named that year (two after a merge). */
  departments: { departmentId: string; name: string }[];
  goals: number;
  rated: number;
  achieved: number;
  achievementRate: number | null;
  /** Goal ids behind the figures, to open them. */
  goalIds: string[];
}

export interface DepartmentLine {
  /** The department the line ends in (today's, or the last one's). */
  lineId: string;
  /** Its name in the latest year shown. */
  name: string;
  years: LineYear[];
}

export interface YearsSideBySide {
  fiscalYears: number[];
  lines: DepartmentLine[];
  /** The city's figures per year: its achievement rate over the years. */
  city: Omit<LineYear, 'departments' | 'goalIds'>[];
}

/** `overviews`: one per fiscal year, unfiltered or filtered alike. */
export function yearsSideBySide(state: OrganisationState, overviews: readonly Overview[]): YearsSideBySide {
  const sorted = [...overviews].sort((a, b) => a.fiscalYear - b.fiscalYear);
  const fiscalYears = sorted.map((o) => o.fiscalYear);
  const lastYear = fiscalYears[fiscalYears.length - 1];
  const lineIds: string[] = [];
  const byLine = new Map<string, Map<number, LineYear>>();
  for (const o of sorted)
    for (const row of o.rows) {
      const lineId = departmentLine(state, row.departmentId);
      if (!byLine.has(lineId)) {
        byLine.set(lineId, new Map());
        lineIds.push(lineId);
      }
      const years = byLine.get(lineId)!;
      const y = years.get(o.fiscalYear) ?? {
        fiscalYear: o.fiscalYear,
        departments: [],
        goals: 0,
        rated: 0,
        achieved: 0,
        achievementRate: null,
        goalIds: [],
      };
      y.departments.push({ departmentId: row.departmentId, name: row.department });
      y.goals += row.goals.count;
      y.rated += row.rated.count;
      y.achieved += row.achieved.count;
      y.achievementRate = y.rated ? y.achieved / y.rated : null;
      y.goalIds.push(...row.goals.goalIds);
      years.set(o.fiscalYear, y);
    }
  // Lines in the order today's city lists its departments; those ended for good after them.
  const listed = lastYear === undefined ? [] : departmentsIn(state, lastYear).map((d) => d.departmentId);
  const rank = (id: string) => (listed.includes(id) ? listed.indexOf(id) : listed.length + lineIds.indexOf(id));
  const lines = lineIds
    .sort((a, b) => rank(a) - rank(b))
    .map((lineId) => {
      const years = byLine.get(lineId)!;
      const latest = Math.max(...years.keys());
      return {
        lineId,
        name: state.departments.has(lineId) ? departmentNameIn(state, lineId, latest) : lineId,
        years: fiscalYears.flatMap((fy) => years.get(fy) ?? []),
      };
    });
  const city = sorted.map((o) => ({
    fiscalYear: o.fiscalYear,
    goals: o.total.goals.count,
    rated: o.total.rated.count,
    achieved: o.total.achieved.count,
    achievementRate: o.total.achievementRate,
  }));
  return { fiscalYears, lines, city };
}
