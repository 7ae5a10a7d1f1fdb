import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { authorizeSheetImport, findDepartment, IllegalTransition, sheetStreamId } from '@goals/domain';
import { EVENT_STORE, EventStore } from '@goals/event-store';
import { CLOCK, Clock } from '@goals/platform';
import {
  appendSheetImport,
  DepartmentRegistration,
  departmentOfSheet,
  departmentRegistrationOf,
  planSheetImport,
  readSheetFile,
  SheetFileInvalid,
  SheetFileProblem,
  SheetImportPlan,
  withRegisteredDepartment,
} from '@goals/sheet-file';
import { sheetIdOf } from '../sheet-workflow.service';
import { ImportSheetCommand, ImportSheetResult } from './import-sheet.command';
import { SHEET_ORGANISATION, SheetOrganisation } from './sheet-organisation.port';

@CommandHandler(ImportSheetCommand)
export class ImportSheetHandler implements ICommandHandler<ImportSheetCommand, ImportSheetResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SHEET_ORGANISATION) private readonly organisation: SheetOrganisation,
  ) {}

  async execute({ file, department: named, ctx }: ImportSheetCommand): Promise<ImportSheetResult> {
    const { actor } = ctx;
    // Who may import at all is known before the file is read: a section head gets 403, not a list of lines.
    if (actor.role !== 'admin') authorizeSheetImport(actor, named ?? actor.department ?? '');
    // Rows with problems are set aside, so the other rows are checked against the directory as well and
    // the refusal lists every problem of the file at once.
    const rowProblems: SheetFileProblem[] = [];
    const { sheet: parsed, format, encoding } = await readSheetFile(file.bytes, file.contentType, { rowProblems });
    const refuse = (more: SheetFileProblem[]) => new SheetFileInvalid([...rowProblems, ...more].sort((a, b) => a.line - b.line));
    const department = named ?? (actor.role === 'admin' ? departmentOfSheet(parsed) : actor.department);
    if (!department)
      throw refuse([
        {
          line: parsed.lines.head,
          reason: `職名「${parsed.headTitle}」から部名が読み取れません。?department=部名 を付けて送ってください`,
        },
      ]);
    authorizeSheetImport(actor, department);

    let directory = await this.organisation.directoryFor(parsed.fiscalYear);
    let registration: DepartmentRegistration | undefined;
    if (!findDepartment(directory, department) && actor.role === 'admin') {
      registration = departmentRegistrationOf(parsed, department);
      directory = withRegisteredDepartment(directory, registration);
    }
    const sheetId = sheetIdOf(department, parsed.fiscalYear);
    // Planned in full before anything is written: a refused row leaves no department registered either.
    let plan: SheetImportPlan;
    try {
      plan = planSheetImport(parsed, {
        importer: actor,
        department,
        directory,
        sheetId,
        newId: randomUUID,
        occurredAt: this.clock.now().toISOString(),
        correlationId: ctx.correlationId,
      });
    } catch (error) {
      throw error instanceof SheetFileInvalid ? refuse(error.problems) : error;
    }
    if (rowProblems.length) throw refuse([]);
    // The sheet's stream is written last, so check first that no sheet exists for that year.
    const { exists } = await this.store.readStream(sheetStreamId(sheetId), { maxCount: 1 });
    if (exists)
      throw new IllegalTransition(
        'ImportSheet',
        'open',
        `the ${parsed.fiscalYear} sheet of ${department} already exists (${sheetId})`,
      );
    if (registration) await this.organisation.registerDepartment(registration, ctx);
    await appendSheetImport(this.store, plan);
    return {
      sheetId,
      goalIds: plan.goalIds,
      format,
      ...(encoding ? { encoding } : {}),
      ...(registration
        ? {
            registered: {
              department: registration.department,
              sections: registration.sections,
              head: { title: registration.headTitle, name: registration.headName },
              effectiveFrom: registration.effectiveFrom,
            },
          }
        : {}),
    };
  }
}
