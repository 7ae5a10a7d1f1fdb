import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext } from '../shared/command-context';
import { MidYearReportStep, MidYearReportWorkflow } from './mid-year-report-workflow.service';
import { YearStep, YearWorkflow } from './year-workflow.service';

/** A step on a sheet's year (中間報告を開始, 年度を締める, 再開): one command and handler serve them all. */
export class YearStepCommand extends Command<{ revision: bigint; number?: number }> {
  constructor(
    readonly sheetId: string,
    readonly step: YearStep,
    readonly ctx: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(YearStepCommand)
export class YearStepHandler implements ICommandHandler<YearStepCommand> {
  constructor(private readonly year: YearWorkflow) {}

  execute({ sheetId, step, ctx }: YearStepCommand) {
    return this.year.execute(sheetId, step, ctx);
  }
}

/** A step on a section's 中間報告 of one window (下書き保存, 提出, 確認, 差戻し). */
export class MidYearReportStepCommand extends Command<{ revision: bigint }> {
  constructor(
    readonly sheetId: string,
    readonly window: number,
    readonly sectionId: string,
    readonly step: MidYearReportStep,
    readonly ctx: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(MidYearReportStepCommand)
export class MidYearReportStepHandler implements ICommandHandler<MidYearReportStepCommand> {
  constructor(private readonly reports: MidYearReportWorkflow) {}

  execute({ sheetId, window, sectionId, step, ctx }: MidYearReportStepCommand) {
    return this.reports.execute(sheetId, window, sectionId, step, ctx);
  }
}
