/**
 * Turns a parsed sheet into the events of its import, attributed to the importing user, so an
 * imported sheet has a history like any other: the sheet opened, each goal drafted, submitted and
 * approved, and where the file rates it, its achievement recorded and confirmed.
 *
 * The department head imports their own department's sheet; an administrator any department's
 * (authorizeSheetImport). The goal deciders are then run for each step, so every row passes the same
 * checks as a goal typed in (categories, sections, the achievement scale, the workflow's order); the
 * steps are decided on behalf of the posts that wrote the paper sheet (the sections' heads, the
 * department head), but the events' metadata names the importing user, who is the one who put them in.
 *
 * Refusals are in Japanese and name the line of the file, the column and what to change: the person
 * reading them has the file open in Excel.
 */
import {
  Actor,
  authorizeSheetImport,
  COMMON_SECTION,
  decideGoal,
  decideSheet,
  DepartmentInYear,
  DomainError,
  envelope,
  evolveGoal,
  evolveSheet,
  fiscalYearStart,
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
  TEXT_LIMITS,
} from '@goals/domain';
import { assertAppendFits, EventStore, NewEvent } from '@goals/event-store';
import { ParsedSheet, ParsedSheetGoal, SheetFileInvalid, SheetFileProblem } from './sheet-file.parse';
import { SECTION_SEPARATOR } from './sheet-document';

export interface SheetImportOptions {
  importer: Actor;
  /**
   * The department whose sheet it is (the importer's own for a department head, see departmentOfSheet),
   * as the directory has it in the sheet's fiscal year, registered or about to be; undefined when the
   * directory does not know it. `name` is the department as the importer named it.
   */
  department: { name: string; inYear: DepartmentInYear | undefined };
  /** The vocabularies of the sheet's columns. */
  vocabulary: { categories: readonly string[]; achievementScale: readonly string[] };
  sheetId: string;
  /** Ids come from outside, as everywhere in the domain: one per goal and one per event. */
  newId: () => string;
  /** ISO instant of the import, from the clock. */
  occurredAt: string;
  correlationId: string;
  /** More metadata for every event, e.g. the request's Idempotency-Key and fingerprint. */
  metadata?: Record<string, unknown>;
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

/** What the sheet itself says of its department, for one the directory does not know yet. */
export interface DepartmentRegistration {
  /** e.g. 総務部, from 職名 総務部長. */
  department: string;
  headTitle: string;
  headName: string;
  /** The sections named in 共通/課名, in the order the sheet first names them. */
  sections: string[];
  /** 4月1日 of the sheet's fiscal year. */
  effectiveFrom: string;
  fiscalYear: number;
}

/**
 * The department a sheet belongs to, read from its 職名: the head of 総務部 is 総務部長. A title that
 * does not end in 長 after a 部/局/室 name (会計管理者, say) names no department, and the importer
 * must say which.
 */
export function departmentOfSheet(parsed: ParsedSheet): string | undefined {
  const m = /^(.+?[部局室庁])長$/.exec(parsed.headTitle.trim());
  return m?.[1];
}

/** The department, sections and head a sheet implies, to register before importing it. */
export function departmentRegistrationOf(parsed: ParsedSheet, department: string): DepartmentRegistration {
  const sections: string[] = [];
  for (const goal of parsed.goals)
    for (const s of goal.sections) if (s !== COMMON_SECTION && !sections.includes(s)) sections.push(s);
  return {
    department,
    headTitle: parsed.headTitle,
    headName: parsed.headName,
    sections,
    effectiveFrom: fiscalYearStart(parsed.fiscalYear),
    fiscalYear: parsed.fiscalYear,
  };
}

/** The department a registration establishes, as the import plans with it before it is written. */
export function registeredDepartment(
  registration: DepartmentRegistration,
  departmentId: string,
  sectionIdOf: (name: string) => string,
): DepartmentInYear {
  return {
    departmentId,
    name: registration.department,
    headTitle: registration.headTitle,
    sections: registration.sections.map((name) => ({ sectionId: sectionIdOf(name), name })),
  };
}

const COLUMN_OF: Record<string, string> = {
  title: '実施項目',
  category: '計画・方針等の分類',
  targetLevel: 'どの水準まで',
  method: 'どのような方法で',
  deadlineMonth: 'いつまで',
  sections: '共通/課名',
  level: '達成状況',
};

export function planSheetImport(parsed: ParsedSheet, options: SheetImportOptions): SheetImportPlan {
  const { importer, sheetId, vocabulary } = options;
  const department = options.department.name;
  const known = options.department.inYear;
  authorizeSheetImport(importer, { departmentId: known?.departmentId ?? '', name: department });
  const problems: SheetFileProblem[] = [];
  if (!known)
    problems.push({
      line: parsed.lines.head,
      reason: `${department}は組織の登録にない部です。管理者が取り込むと、部・課・部長をこの整理表から登録して取り込みます`,
    });
  else if (known.headTitle && known.headTitle !== parsed.headTitle)
    problems.push({
      line: parsed.lines.head,
      reason: `職名「${parsed.headTitle}」は${department}の部長の職名（${known.headTitle}）と違います。他の部の整理表ではないか確かめてください`,
    });
  if (problems.length || !known) throw new SheetFileInvalid(problems);
  const { departmentId } = known;
  const rules = { ...vocabulary, department: known };

  // The paper sheet's posts, on whose behalf each step is decided; the metadata names the importer.
  const head: Actor = {
    userId: importer.userId,
    role: 'departmentHead',
    department,
    sections: [],
    post: { kind: 'departmentHead', title: known.headTitle, departmentId },
  };
  const toNew = (events: Array<GoalEvent | SheetEvent>, extra?: Record<string, unknown>): NewEvent[] =>
    events.map((e) =>
      envelope(e, options.newId(), {
        actor: importer,
        occurredAt: options.occurredAt,
        correlationId: options.correlationId,
        causationId: options.correlationId,
        extra: { ...options.metadata, source: 'sheet-import', ...extra },
      }),
    );

  let sheet: SheetState = initialSheetState();
  const sheetEvents: SheetEvent[] = [];
  const decideOnSheet = (command: Parameters<typeof decideSheet>[0]) => {
    const events = decideSheet(command, sheet, known);
    for (const e of events) sheet = evolveSheet(sheet, e);
    sheetEvents.push(...events);
  };
  try {
    decideOnSheet({
      type: 'OpenSheet',
      by: head,
      data: {
        sheetId,
        departmentId,
        fiscalYear: parsed.fiscalYear,
        createdOn: parsed.createdOn,
        headTitle: parsed.headTitle,
        headName: parsed.headName,
      },
    });
  } catch (error) {
    if (!(error instanceof InvalidInput)) throw error;
    problems.push(...error.errors.map((e) => ({ line: parsed.lines.head, reason: `${e.field}: ${e.reason}` })));
  }

  const goalIds: string[] = [];
  const appends: StreamAppend[] = [];
  for (const row of parsed.goals) {
    const { line, number: _number, achievement, ...written } = row;
    const rowProblems = checkRow(row, known, vocabulary);
    if (rowProblems.length) {
      problems.push(...rowProblems.map((reason) => ({ line, reason })));
      continue;
    }
    // 共通/課名 as the sheet writes it, names of its year, kept as the sections' ids.
    const sectionIds = row.sections.map((s) =>
      s === COMMON_SECTION ? s : known.sections.find((k) => k.name === s)!.sectionId,
    );
    const content = { ...written, sections: sectionIds };
    const goalId = options.newId();
    const author: Actor = isCommonGoal(row.sections)
      ? head
      : {
          userId: importer.userId,
          role: 'sectionHead',
          department,
          sections: row.sections,
          post: { kind: 'sectionHead', title: `${row.sections.join('・')}長`, departmentId, sectionIds },
        };
    const steps: Array<Exclude<GoalCommand, { type: 'DraftGoal' }>> = [
      { type: 'SubmitGoal', by: author, data: {} },
      { type: 'ApproveGoal', by: head, data: {} },
      ...(achievement
        ? [
            { type: 'RecordAchievement' as const, by: author, data: { level: achievement } },
            { type: 'ConfirmAchievement' as const, by: head, data: {} },
          ]
        : []),
    ];
    try {
      let state: GoalState = initialGoalState();
      const events: GoalEvent[] = [];
      const draft: GoalCommand = {
        type: 'DraftGoal',
        by: author,
        data: { goalId, sheet: { sheetId, departmentId, fiscalYear: parsed.fiscalYear }, content },
      };
      for (const command of [draft, ...steps]) {
        const decided = decideGoal(command, state, rules);
        for (const e of decided) state = evolveGoal(state, e);
        events.push(...decided);
      }
      appends.push({
        streamId: goalStreamId(goalId),
        expectedRevision: 'no_stream',
        events: toNew(events, { importedFromLine: line }),
      });
      goalIds.push(goalId);
      if (sheet.status === 'open') decideOnSheet({ type: 'RegisterGoal', data: { goalId } });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const reasons =
        error instanceof InvalidInput
          ? error.errors.map((e) => `${COLUMN_OF[e.field] ?? e.field}: ${e.reason}`)
          : [error.message];
      problems.push(...reasons.map((reason) => ({ line, reason })));
    }
  }
  if (problems.length) throw new SheetFileInvalid(problems);
  appends.push({ streamId: sheetStreamId(sheetId), expectedRevision: 'no_stream', events: toNew(sheetEvents) });
  return { sheetId, goalIds, appends };
}

/** The vocabularies and the year's sections, checked here first so the refusal says in Japanese what to change. */
function checkRow(
  row: ParsedSheetGoal,
  known: DepartmentInYear,
  directory: SheetImportOptions['vocabulary'],
): string[] {
  const department = known.name;
  const reasons: string[] = [];
  const long = (field: 'title' | 'targetLevel' | 'method') => {
    const length = [...row[field]].length;
    if (length > TEXT_LIMITS[field])
      reasons.push(`${COLUMN_OF[field]}は${TEXT_LIMITS[field]}文字までです（この欄は${length}文字）。短くしてください`);
  };
  long('title');
  long('targetLevel');
  long('method');
  if (!directory.categories.includes(row.category))
    reasons.push(`計画・方針等の分類「${row.category}」は ${directory.categories.join('、')} のどれかにしてください`);
  if (!isCommonGoal(row.sections)) {
    const sections = known.sections.map((s) => s.name);
    const unknown = row.sections.filter((s) => !sections.includes(s));
    if (unknown.length)
      reasons.push(
        `共通/課名の「${unknown.join(SECTION_SEPARATOR)}」は${department}の課にありません（${sections.join(SECTION_SEPARATOR)}）。` +
          '課名を直すか、先に組織の登録で課を設けてください',
      );
    if (new Set(row.sections).size !== row.sections.length)
      reasons.push('共通/課名に同じ課が二度書かれています。一度にしてください');
  }
  if (row.achievement !== undefined && !directory.achievementScale.includes(row.achievement))
    reasons.push(
      `達成状況「${row.achievement}」は ${directory.achievementScale.join('、')} のどれかにしてください（まだ評価していなければ空欄）`,
    );
  return reasons;
}

/**
 * Appends a plan. Each stream is new ('no_stream'), so a repeated import with the same ids is a
 * retry; the sheet's stream goes last, so a failure part-way leaves goals no sheet lists.
 */
export async function appendSheetImport(store: EventStore, plan: SheetImportPlan): Promise<void> {
  // Checked up front, so a sheet too large for one write (the sheet's stream holds a 番号 per
  // goal) is refused before any goal is written, not half-way on EventStoreDB.
  for (const append of plan.appends) assertAppendFits(append.streamId, withChainRoom(append.events));
  for (const append of plan.appends)
    await store.append(append.streamId, append.events, { expectedRevision: append.expectedRevision });
}

/** The hash chain adds two SHA-256 hex digests to each event's metadata before it is stored. */
function withChainRoom(events: NewEvent[]): NewEvent[] {
  const room = { hash: '0'.repeat(64), prevHash: '0'.repeat(64) };
  return events.map((e) => ({ ...e, metadata: { ...e.metadata, ...room } }));
}
