import { Injectable } from '@nestjs/common';
import {
  CARRY_OVER_EVENTS,
  carryOverStreamId,
  goalCitation,
  GoalCarriedOver,
  numberOf,
  SheetHeader,
} from '@goals/domain';
import { EventStreams } from '../shared/event-streams';
import { SheetWorkflow } from './sheet-workflow.service';

/** One end of a carry-over link: the goal on the other sheet, cited as offices cite it (R7-No.3). */
export interface CarryLink {
  goalId: string;
  sheetId: string;
  fiscalYear: number;
  number: number | null;
  citation: string | null;
}

export interface CarryLinks {
  /** 「前年度から引継ぎ（R7-No.3）」: the closed year's goal this one continues. */
  carriedFrom?: CarryLink;
  /** 「次年度へ引継ぎ（R8-No.2）」: the draft this goal became in the next year. */
  carriedTo?: CarryLink;
}

/**
 * Both ends of 次年度への引継ぎ for a sheet's goals, read from the carry-over streams (the closed
 * year's `carryover-<sheetId>` for where its goals went, the year before's for where this sheet's
 * came from): two short streams, written a few times a year, so no read model is kept for them.
 */
@Injectable()
export class CarryOverLinks {
  constructor(
    private readonly streams: EventStreams,
    private readonly sheets: SheetWorkflow,
  ) {}

  async ofSheet(
    sheetId: string,
    header: Pick<SheetHeader, 'departmentId' | 'fiscalYear'>,
  ): Promise<Map<string, CarryLinks>> {
    const links = new Map<string, CarryLinks>();
    const add = (goalId: string, link: CarryLinks) => links.set(goalId, { ...links.get(goalId), ...link });
    const previous = await this.sheets.streamOf(header.departmentId, header.fiscalYear - 1);
    for (const { from, to } of await this.carried(previous.sheetId))
      if (to.sheetId === sheetId)
        add(to.goalId, {
          carriedFrom: {
            goalId: from.goalId,
            sheetId: from.sheetId,
            fiscalYear: from.fiscalYear,
            number: from.number,
            citation: goalCitation(from),
          },
        });
    const onward = await this.carried(sheetId);
    const numbers = new Map<string, (goalId: string) => number | null>();
    for (const { from, to } of onward) {
      if (!numbers.has(to.sheetId)) {
        const { state } = await this.sheets.load(to.sheetId);
        numbers.set(to.sheetId, (goalId) => numberOf(state, goalId) ?? null);
      }
      const number = numbers.get(to.sheetId)!(to.goalId);
      add(from.goalId, {
        carriedTo: {
          goalId: to.goalId,
          sheetId: to.sheetId,
          fiscalYear: to.fiscalYear,
          number,
          citation: number ? goalCitation({ fiscalYear: to.fiscalYear, number }) : null,
        },
      });
    }
    return links;
  }

  private async carried(fromSheetId: string): Promise<GoalCarriedOver['data'][]> {
    const stream = await this.streams.load(carryOverStreamId(fromSheetId));
    return CARRY_OVER_EVENTS.read(stream.events).flatMap((e) => (e.type === 'GoalCarriedOver' ? [e.data] : []));
  }
}
