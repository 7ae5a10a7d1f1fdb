import { OrganisationDirectory } from '../../organisation/organisation-directory.service';
import { AchievementScales } from '../../scales/achievement-scales.service';
import { scaleView } from '../../scales/achievement-scale.view';
import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { formatWareki, isApproved, NotFound, SheetHeader } from '@goals/domain';
import { EVENT_STORE, EventStore } from '@goals/event-store';
import type { Redis } from 'ioredis';
import { READ_MODEL_PREFIX, REDIS } from '@goals/infrastructure';
import { progressOf, ReadModelQueries, readSheetEvents, readYearView, sheetAsOf, YearView } from '@goals/read-models';
import { assertMayRead } from '../../shared/read-access';
import { GetSheetQuery } from './get-sheet.query';
import { sheetView } from './sheet.view';
import { CarryLinks, CarryOverLinks } from '../carry-over-links';

/**
 * The live sheet comes from the read model; the sheet at a past moment is folded from the raw
 * events up to that moment, never from the read model, so an auditor can trust it.
 */
@QueryHandler(GetSheetQuery)
export class GetSheetHandler implements IQueryHandler<GetSheetQuery> {
  constructor(
    private readonly readModels: ReadModelQueries,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly organisation: OrganisationDirectory,
    private readonly scales: AchievementScales,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(READ_MODEL_PREFIX) private readonly prefix: string,
    private readonly carryOver: CarryOverLinks,
  ) {}

  async execute({ sheetId, actor, asOf, atPosition, approvedOnly }: GetSheetQuery) {
    const shown = <R extends { status: Parameters<typeof isApproved>[0] }>(rows: R[]) =>
      approvedOnly ? rows.filter((r) => isApproved(r.status)) : rows;
    const naming = await this.organisation.naming();
    const department = ({ departmentId, fiscalYear }: SheetHeader) => ({
      departmentId,
      name: naming.department(departmentId, fiscalYear),
    });
    if (asOf === undefined && atPosition === undefined) {
      const sheet = await this.readModels.sheet(sheetId);
      if (!sheet) throw new NotFound('sheet', sheetId);
      assertMayRead(actor, department(sheet.header), 'sheets');
      const year = await readYearView(this.redis, this.prefix, sheetId);
      const links = await this.carryOver.ofSheet(sheetId, sheet.header);
      return {
        ...withProgress(sheetView(sheet.header, shown(sheet.rows), naming), year, links),
        achievementScale: scaleView(await this.scales.scaleOf(sheet.header.fiscalYear)),
        asOf: null,
        atPosition: null,
      };
    }
    const events = await readSheetEvents(this.store, sheetId);
    const at = atPosition !== undefined ? { atPosition } : { asOf: asOf! };
    const snapshot = sheetAsOf(events, at, await this.organisation.legacyNames());
    if (!snapshot)
      throw new NotFound(
        'sheet',
        `${sheetId} at that moment`,
        asOf !== undefined
          ? `この日（${wareki(tokyoDate(asOf))}）にはまだ整理表がありません`
          : 'この位置の時点ではまだ整理表がありません',
      );
    assertMayRead(actor, department(snapshot.header), 'sheets');
    return {
      ...withProgress(sheetView(snapshot.header, shown(snapshot.rows), naming), snapshot.year),
      // The year's scale as it stands: a level given earlier keeps its label whatever the scale says now.
      achievementScale: scaleView(await this.scales.scaleOf(snapshot.header.fiscalYear)),
      asOf: asOf ?? null,
      atPosition: atPosition?.toString() ?? null,
      lastPosition: snapshot.lastPosition?.toString() ?? null,
    };
  }
}

/**
 * The 中間報告 column beside 達成状況: each goal's latest progress that reached the 部長, and whether the
 * year is closed; on the live sheet, where a goal came from or went (次年度への引継ぎ) — a sheet as of
 * a past moment shows none, the links being today's.
 */
function withProgress<V extends { rows: { goalId: string }[] }>(
  view: V,
  year: YearView,
  links: Map<string, CarryLinks> = new Map(),
) {
  return {
    ...view,
    yearClosed: year.closed,
    rows: view.rows.map((row) => ({
      ...row,
      midYear: progressOf(year, row.goalId) ?? null,
      carriedFrom: links.get(row.goalId)?.carriedFrom ?? null,
      carriedTo: links.get(row.goalId)?.carriedTo ?? null,
    })),
  };
}

/** The day of an instant in Japan, as the 和暦 date a person reads: '2022-04-01T00:30:00Z' → 2022-04-01. */
function tokyoDate(asOf: string): string {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(asOf)
    ? asOf
    : new Date(Date.parse(asOf) + 9 * 3_600_000).toISOString().slice(0, 10);
  return day;
}

/** 和暦 where there is one (平成 onwards); an older date as it is. */
function wareki(day: string): string {
  try {
    return formatWareki(day);
  } catch {
    return day;
  }
}
