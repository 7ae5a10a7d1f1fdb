import { Injectable } from '@nestjs/common';
import {
  closedYearReason,
  decideMidYearReport,
  foldMidYearReport,
  MID_YEAR_REPORT_EVENTS,
  MidYearReportCommand,
  midYearReportStreamId,
  NotFound,
} from '@goals/domain';
import { CommandContext } from '../shared/command-context';
import { EventStreams } from '../shared/event-streams';
import { YearWorkflow } from './year-workflow.service';

type WithoutActor<C> = C extends unknown ? Omit<C, 'by'> : never;
export type MidYearReportStep = WithoutActor<MidYearReportCommand>;

/** Goals past approval are the ones a 中間報告 speaks about. */
const APPROVED = new Set(['approved', 'achievementRecorded', 'confirmed']);

/** Runs a section's 中間報告 commands on `midyear-<sheetId>-<sectionId>`. */
@Injectable()
export class MidYearReportWorkflow {
  constructor(
    private readonly streams: EventStreams,
    private readonly year: YearWorkflow,
  ) {}

  async execute(
    sheetId: string,
    windowNumber: number,
    sectionId: string,
    step: MidYearReportStep,
    ctx: CommandContext,
  ): Promise<{ revision: bigint }> {
    const { sheet, goals, naming } = await this.year.sheet(sheetId);
    const [section] = naming.sections([sectionId], sheet.fiscalYear);
    if (!goals.some(({ goal }) => goal.content.sections.includes(sectionId)))
      throw new NotFound('section', `${sectionId} on this sheet`);
    const { state: year } = await this.year.load(sheetId);
    const { revision } = await this.streams.decide(
      midYearReportStreamId(sheetId, sectionId),
      {
        fold: (stream) => foldMidYearReport(MID_YEAR_REPORT_EVENTS.read(stream.events)),
        decide: (state) =>
          decideMidYearReport({ ...step, by: ctx.actor }, state, {
            sheetId,
            windowNumber,
            window: year.windows.find((w) => w.number === windowNumber),
            today: this.year.today(),
            departmentId: sheet.departmentId,
            department: sheet.department,
            sectionId,
            section: section ?? sectionId,
            approvedGoals: goals
              .filter(({ goal }) => APPROVED.has(goal.status) && goal.content.sections.includes(sectionId))
              .map(({ number, goal }) => ({ goalId: goal.goalId, number })),
            yearClosed: year.closed,
            ...(year.closed ? { closedReason: closedYearReason(sheet) } : {}),
          }),
      },
      ctx,
    );
    return { revision: revision! };
  }
}
