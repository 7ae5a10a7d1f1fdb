/**
 * Turns a parsed sheet into the events of its import, attributed to the importing user, so an
 * imported sheet has a history like any other: the sheet opened, each goal drafted, submitted and
 * approved, and where the file rates it, its achievement recorded and confirmed.
 *
 * Only the department head of the sheet's department may import it (the ImportSheet rule). The
 * goal deciders are then run for each step, so every row passes the same checks as a goal typed in
 * (categories, sections, the achievement scale, the workflow's order); the authoring steps are
 * decided on behalf of the goal's sections, as the paper sheet was written by their heads, but
 * the events' metadata names the importing user, who is the one who put them in.
 */
import {
  Actor,
  authorizeSheetCommand,
  decideGoal,
  decideSheet,
  Directory,
  DomainError,
  envelope,
  evolveGoal,
  evolveSheet,
  findDepartment,
  GoalCommand,
  GoalEvent,
  GoalState,
  goalStreamId,
  initialGoalState,
  initialSheetState,
  InvalidInput,
  isCommonGoal,
  SheetEvent,
  SheetState,
  sheetStreamId,
} from '@goals/domain';
import { assertAppendFits, EventStore, NewEvent } from '@goals/event-store';
import { ParsedSheet, SheetFileInvalid, SheetFileProblem } from './sheet-file.parse';

export interface SheetImportOptions {
  importer: Actor;
  directory: Directory;
  sheetId: string;
  /** Ids come from outside, as everywhere in the domain: one per goal and one per event. */
  newId: () => string;
  /** ISO instant of the import, from the clock. */
  occurredAt: string;
  correlationId: string;
}

export interface StreamAppend {
  streamId: string;
  expectedRevision: 'no_stream';
  events: NewEvent[];
}

export interface SheetImportPlan {
  sheetId: string;
  /** In 番号 order. */
  goalIds: string[];
  /** Goal streams first, the sheet's stream last: until the last append the sheet does not exist. */
  appends: StreamAppend[];
}

export function planSheetImport(parsed: ParsedSheet, options: SheetImportOptions): SheetImportPlan {
  const { importer, directory, sheetId } = options;
  const department = importer.department ?? '';
  authorizeSheetCommand(importer, 'ImportSheet', department);
  const problems: SheetFileProblem[] = [];
  const expectedHead = findDepartment(directory, department)?.headTitle;
  if (expectedHead && expectedHead !== parsed.headTitle)
    problems.push({ line: 0, reason: `職名 ${parsed.headTitle} is not the head of ${department} (${expectedHead}); is this another department's sheet?` });

  const toNew = (events: Array<GoalEvent | SheetEvent>, extra?: Record<string, unknown>): NewEvent[] =>
    events.map((e) =>
      envelope(e, options.newId(), {
        actor: importer,
        occurredAt: options.occurredAt,
        correlationId: options.correlationId,
        causationId: options.correlationId,
        extra: { source: 'sheet-import', ...extra },
      }),
    );

  let sheet: SheetState = initialSheetState();
  const sheetEvents: SheetEvent[] = [];
  const decideOnSheet = (command: Parameters<typeof decideSheet>[0]) => {
    const events = decideSheet(command, sheet, directory);
    for (const e of events) sheet = evolveSheet(sheet, e);
    sheetEvents.push(...events);
  };
  try {
    decideOnSheet({ type: 'OpenSheet', by: importer, data: { sheetId, department, fiscalYear: parsed.fiscalYear, createdOn: parsed.createdOn, headTitle: parsed.headTitle, headName: parsed.headName } });
  } catch (error) {
    if (!(error instanceof InvalidInput)) throw error;
    problems.push(...error.errors.map((e) => ({ line: 0, reason: `${e.field}: ${e.reason}` })));
  }

  const goalIds: string[] = [];
  const appends: StreamAppend[] = [];
  for (const row of parsed.goals) {
    const goalId = options.newId();
    const author: Actor = isCommonGoal(row.sections) ? importer : { userId: importer.userId, role: 'sectionHead', department, sections: row.sections };
    const { line, number: _number, achievement, ...content } = row;
    const steps: Array<Exclude<GoalCommand, { type: 'DraftGoal' }>> = [
      { type: 'SubmitGoal', by: author, data: {} },
      { type: 'ApproveGoal', by: importer, data: {} },
      ...(achievement
        ? [
            { type: 'RecordAchievement' as const, by: author, data: { level: achievement } },
            { type: 'ConfirmAchievement' as const, by: importer, data: {} },
          ]
        : []),
    ];
    try {
      let state: GoalState = initialGoalState();
      const events: GoalEvent[] = [];
      const commands: GoalCommand[] = [{ type: 'DraftGoal', by: author, data: { goalId, sheet: { sheetId, department, fiscalYear: parsed.fiscalYear }, content } }, ...steps];
      for (const command of commands) {
        const decided = decideGoal(command, state, directory);
        for (const e of decided) state = evolveGoal(state, e);
        events.push(...decided);
      }
      appends.push({ streamId: goalStreamId(goalId), expectedRevision: 'no_stream', events: toNew(events, { importedFromLine: line }) });
      goalIds.push(goalId);
      if (sheet.status === 'open') decideOnSheet({ type: 'RegisterGoal', data: { goalId } });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const reasons = error instanceof InvalidInput ? error.errors.map((e) => `${e.field}: ${e.reason}`) : [error.message];
      problems.push(...reasons.map((reason) => ({ line, reason })));
    }
  }
  if (problems.length) throw new SheetFileInvalid(problems);
  appends.push({ streamId: sheetStreamId(sheetId), expectedRevision: 'no_stream', events: toNew(sheetEvents) });
  return { sheetId, goalIds, appends };
}

/**
 * Appends a plan. Each stream is new ('no_stream'), so a repeated import with the same ids is a
 * retry; the sheet's stream goes last, so a failure part-way leaves goals no sheet lists.
 */
export async function appendSheetImport(store: EventStore, plan: SheetImportPlan): Promise<void> {
  // Checked up front, so a sheet too large for one write (the sheet's stream holds a 番号 per
  // goal) is refused before any goal is written, not half-way on EventStoreDB.
  for (const append of plan.appends) assertAppendFits(append.streamId, withChainRoom(append.events));
  for (const append of plan.appends) await store.append(append.streamId, append.events, { expectedRevision: append.expectedRevision });
}

/** The hash chain adds two SHA-256 hex digests to each event's metadata before it is stored. */
function withChainRoom(events: NewEvent[]): NewEvent[] {
  const room = { hash: '0'.repeat(64), prevHash: '0'.repeat(64) };
  return events.map((e) => ({ ...e, metadata: { ...e.metadata, ...room } }));
}
