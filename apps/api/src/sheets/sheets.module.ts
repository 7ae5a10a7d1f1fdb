import { SheetWorkflow } from './sheet-workflow.service';
import { CarryOverLinks } from './carry-over-links';
import { Module } from '@nestjs/common';
import { ExportSheetController } from './export-sheet/export-sheet.http.controller';
import { GetSheetController } from './get-sheet/get-sheet.http.controller';
import { GetSheetHandler } from './get-sheet/get-sheet.handler';
import { directorySheetOrganisation } from './import-sheet/directory.sheet-organisation';
import { OrganisationDirectory } from '../organisation/organisation-directory.service';
import { ImportSheetController } from './import-sheet/import-sheet.http.controller';
import { ImportSheetHandler } from './import-sheet/import-sheet.handler';
import { SHEET_ORGANISATION } from './import-sheet/sheet-organisation.port';
import { ListSheetsController } from './list-sheets/list-sheets.http.controller';
import { ListSheetsHandler } from './list-sheets/list-sheets.handler';
import { OpenSheetController } from './open-sheet/open-sheet.http.controller';
import { OpenSheetHandler } from './open-sheet/open-sheet.handler';
import { RenumberGoalsController } from './renumber-goals/renumber-goals.http.controller';
import { RenumberGoalsHandler } from './renumber-goals/renumber-goals.handler';

/** A department's sheet for a year: opening, importing, renumbering, reading and exporting it. */
@Module({
  controllers: [
    ListSheetsController,
    ImportSheetController,
    OpenSheetController,
    GetSheetController,
    RenumberGoalsController,
    ExportSheetController,
  ],
  providers: [
    {
      provide: SHEET_ORGANISATION,
      inject: [OrganisationDirectory, SheetWorkflow],
      useFactory: directorySheetOrganisation,
    },
    SheetWorkflow,
    CarryOverLinks,
    OpenSheetHandler,
    ImportSheetHandler,
    RenumberGoalsHandler,
    GetSheetHandler,
    ListSheetsHandler,
  ],
  // Goals register a draft's 番号 on its sheet, and show where a carried goal came from or went.
  exports: [SheetWorkflow, CarryOverLinks],
})
export class SheetsModule {}
