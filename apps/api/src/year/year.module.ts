import { Module } from '@nestjs/common';
import { SheetsModule } from '../sheets/sheets.module';
import { CarryOverController } from './carry-over/carry-over.http.controller';
import { CarryOverGoalsHandler, MarkContinuingHandler } from './carry-over/carry-over.command';
import { CarryOverWorkflow } from './carry-over/carry-over-workflow.service';
import { GetCarryOverHandler } from './carry-over/get-carry-over.handler';
import { CloseYearController } from './close-year/close-year.http.controller';
import { ConfirmMidYearReportController } from './confirm-mid-year-report/confirm-mid-year-report.http.controller';
import { GetYearController } from './get-year/get-year.http.controller';
import { GetYearHandler } from './get-year/get-year.handler';
import { MidYearReportWorkflow } from './mid-year-report-workflow.service';
import { OpenMidYearWindowController } from './open-mid-year-window/open-mid-year-window.http.controller';
import { ReopenYearController } from './reopen-year/reopen-year.http.controller';
import { ReturnMidYearReportController } from './return-mid-year-report/return-mid-year-report.http.controller';
import { SaveMidYearReportController } from './save-mid-year-report/save-mid-year-report.http.controller';
import { SubmitMidYearReportController } from './submit-mid-year-report/submit-mid-year-report.http.controller';
import { MidYearReportStepHandler, YearStepHandler } from './year-step.command';
import { YearWorkflow } from './year-workflow.service';

/** The year of a sheet: 中間報告 windows and reports, 年度の締め and 再開, 次年度への引継ぎ. */
@Module({
  imports: [SheetsModule],
  controllers: [
    GetYearController,
    OpenMidYearWindowController,
    SaveMidYearReportController,
    SubmitMidYearReportController,
    ReturnMidYearReportController,
    ConfirmMidYearReportController,
    CloseYearController,
    ReopenYearController,
    CarryOverController,
  ],
  providers: [
    YearWorkflow,
    MidYearReportWorkflow,
    YearStepHandler,
    MidYearReportStepHandler,
    GetYearHandler,
    CarryOverWorkflow,
    CarryOverGoalsHandler,
    MarkContinuingHandler,
    GetCarryOverHandler,
  ],
})
export class YearModule {}
