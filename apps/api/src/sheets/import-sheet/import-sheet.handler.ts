import { createHash } from 'node:crypto';
import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  authorizeSheetImport,
  DepartmentInYear,
  fiscalYearLabel,
  goalStreamId,
  IllegalTransition,
  sheetStreamId,
} from '@goals/domain';
import { EVENT_STORE, EventStore, RecordedEvent } from '@goals/event-store';
import { APP_CONFIG, AppConfig } from '@goals/infrastructure';
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
} from '@goals/sheet-file';
import { CommandContext } from '../../shared/command-context';
import { idFor } from '../../shared/event-envelope';
import { assertSameRequest } from '../../shared/event-streams';
import { ImportSheetCommand, ImportSheetResult } from './import-sheet.command';
import { SHEET_ORGANISATION, SheetOrganisation } from './sheet-organisation.port';

@CommandHandler(ImportSheetCommand)
export class ImportSheetHandler implements ICommandHandler<ImportSheetCommand, ImportSheetResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SHEET_ORGANISATION) private readonly organisation: SheetOrganisation,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ file, department: named, ctx }: ImportSheetCommand): Promise<ImportSheetResult> {
    const { actor } = ctx;
    // Who may import at all is known before the file is read: a section head gets 403, not a list of lines.
    if (actor.role !== 'admin')
      authorizeSheetImport(actor, { departmentId: actor.post?.departmentId ?? '', name: actor.department });
    const ids = importIds(ctx);
    // With an Idempotency-Key the ids are derived from it, so the first goal an earlier request with the
    // same key wrote is found before the file is even read: another file under that key is refused (422).
    const earlierGoal = ctx.idempotencyKey ? await this.firstEventOf(goalStreamId(ids.first)) : undefined;
    if (earlierGoal) assertSameRequest(earlierGoal, ctx);
    // Rows with problems are set aside, so the other rows are checked against the directory as well and
    // the refusal lists every problem of the file at once.
    const rowProblems: SheetFileProblem[] = [];
    const {
      sheet: parsed,
      format,
      encoding,
    } = await readSheetFile(file.bytes, file.contentType, {
      rowProblems,
      workbookBudget: this.config.workbookBudget,
      fileName: file.fileName,
    });
    const refuse = (more: SheetFileProblem[]) =>
      new SheetFileInvalid([...rowProblems, ...more].sort((a, b) => a.line - b.line));
    const department = named ?? (actor.role === 'admin' ? departmentOfSheet(parsed) : actor.department);
    if (!department)
      throw refuse([
        {
          line: parsed.lines.head,
          reason: `職名「${parsed.headTitle}」から部名が読み取れません。?department=部名 を付けて送ってください`,
        },
      ]);
    // The department as the directory has it in the sheet's year: by the name given or read from 職名,
    // or (a department head importing without a name) by the id of their own post.
    const byPost = named === undefined && actor.role !== 'admin' && actor.post?.departmentId;
    let known: DepartmentInYear | undefined = byPost
      ? await this.organisation.departmentIn(byPost, parsed.fiscalYear)
      : await this.organisation.departmentNamed(department, parsed.fiscalYear);
    let registration: DepartmentRegistration | undefined;
    if (!known && actor.role === 'admin') {
      registration = departmentRegistrationOf(parsed, department);
      known = this.organisation.plannedDepartment(registration);
    }
    authorizeSheetImport(actor, { departmentId: known?.departmentId ?? '', name: department });
    const sheetId = known ? await this.organisation.sheetIdOf(known.departmentId, parsed.fiscalYear) : '';

    // The sheet's stream is written last, so check first that no sheet exists for that year — unless
    // this very request wrote it: then the retry answers as the first request did.
    const sheetStream = await this.store.readStream(sheetStreamId(sheetId));
    if (sheetStream.exists) {
      const first = sheetStream.events[0];
      if (
        ctx.idempotencyKey &&
        first.metadata.idempotencyKey === ctx.idempotencyKey &&
        first.metadata.actor?.userId === actor.userId
      ) {
        assertSameRequest(first, ctx);
        const goalIds = sheetStream.events
          .filter((e) => e.type === 'GoalRegistered' && e.metadata.idempotencyKey === ctx.idempotencyKey)
          .map((e) => (e.data as { goalId: string }).goalId);
        const registration = first.metadata.registeredDepartment
          ? departmentRegistrationOf(parsed, department)
          : undefined;
        return resultOf(sheetId, goalIds, format, encoding, registration);
      }
      throw new IllegalTransition(
        'ImportSheet',
        'open',
        `the ${parsed.fiscalYear} sheet of ${department} already exists (${sheetId})`,
        `${department}の${fiscalYearLabel(parsed.fiscalYear)}の整理表はすでにあります。取り込むには別の年度の整理表を選んでください`,
      );
    }

    // Planned in full before anything is written: a refused row leaves no department registered either.
    let plan: SheetImportPlan;
    try {
      plan = planSheetImport(parsed, {
        importer: actor,
        department: { name: known?.name ?? department, inYear: known },
        vocabulary: await this.organisation.vocabulary(parsed.fiscalYear),
        sheetId,
        newId: ids.next,
        occurredAt: this.clock.now().toISOString(),
        correlationId: ctx.correlationId,
        metadata: {
          // Every imported step says which file it was taken from (取込み), by name and by content.
          importedFile: {
            ...(file.fileName ? { name: file.fileName } : {}),
            sha256: createHash('sha256').update(file.bytes).digest('hex'),
          },
          ...(ctx.idempotencyKey ? { idempotencyKey: ctx.idempotencyKey, requestHash: ctx.requestHash } : {}),
          ...(registration ? { registeredDepartment: true } : {}),
        },
      });
    } catch (error) {
      throw error instanceof SheetFileInvalid ? refuse(error.problems) : error;
    }
    if (rowProblems.length) throw refuse([]);
    if (registration) await this.organisation.registerDepartment(registration, ctx);
    // A retry of a request that stopped part-way (goals written, the sheet not) writes what is missing:
    // the same key gives the same ids, so the streams already written hold exactly these events.
    const appends = earlierGoal ? await this.missing(plan) : plan;
    await appendSheetImport(this.store, appends);
    return resultOf(sheetId, plan.goalIds, format, encoding, registration);
  }

  private async firstEventOf(streamId: string): Promise<RecordedEvent | undefined> {
    const { events } = await this.store.readStream(streamId, { maxCount: 1 });
    return events[0];
  }

  private async missing(plan: SheetImportPlan): Promise<SheetImportPlan> {
    const written = await Promise.all(plan.appends.map((a) => this.firstEventOf(a.streamId)));
    return { ...plan, appends: plan.appends.filter((_, i) => !written[i]) };
  }
}

/**
 * Ids for the goals and events of one import: new ones, or — with an Idempotency-Key — the same on
 * every retry (`idFor`, as every command's). The import is the one write that is not a single
 * `EventStreams.decide`: it writes many goal streams and then the sheet's, as planned in full by
 * libs/sheet-file with the dates of the imported history, so it recognises a retry itself, by these ids.
 */
function importIds(ctx: CommandContext): { first: string; next: () => string } {
  if (!ctx.idempotencyKey) return { first: '', next: randomUUID };
  const nth = (n: number) => idFor(ctx, 'sheet-import', String(n));
  let n = 0;
  return { first: nth(0), next: () => nth(n++) };
}

function resultOf(
  sheetId: string,
  goalIds: string[],
  format: ImportSheetResult['format'],
  encoding: string | undefined,
  registration: DepartmentRegistration | undefined,
): ImportSheetResult {
  return {
    sheetId,
    goalIds,
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
