/**
 * Response bodies in the OpenAPI document. The read side answers plain objects built by view
 * functions, which Swagger cannot see, so their shapes are written here once, named, and referenced
 * by each route with `@ApiAnswers`. A test (test/web/openapi-complete) fails when a route has none.
 */
import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

type Schema = Record<string, unknown>;

const str: Schema = { type: 'string' };
const int: Schema = { type: 'integer' };
const bool: Schema = { type: 'boolean' };
const nullable = (s: Schema): Schema => ({ ...s, nullable: true });
const list = (items: Schema): Schema => ({ type: 'array', items });
const described = (s: Schema, description: string): Schema => ({ ...s, description });
const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const obj = (properties: Record<string, Schema>, optional: string[] = [], open = false): Schema => ({
  type: 'object',
  required: Object.keys(properties).filter((k) => !optional.includes(k)),
  properties,
  ...(open ? { additionalProperties: true } : {}),
});

const GOAL_STATUS: Schema = {
  type: 'string',
  enum: ['draft', 'submitted', 'returned', 'approved', 'achievementRecorded', 'confirmed', 'deleted'],
};
/** 共通/課名 as the goal's fiscal year names the sections; their ids beside them (共通 as it is). */
const sections: Schema = { ...list(str), description: '共通/課名: section names as of the fiscal year, or ["共通"]' };
const sectionIds: Schema = { ...list(str), description: 'the same sections by id (共通 as it is): ids outlive names' };
const CONTENT = {
  title: str,
  category: str,
  targetLevel: str,
  method: str,
  deadlineMonth: int,
  sections,
  sectionIds,
};
const partialContent: Schema = { type: 'object', properties: CONTENT };
const amendment: Schema = nullable(obj({ changes: partialContent, reason: str }));
const departmentId: Schema = {
  type: 'string',
  description: 'the department by id; `department` is its name that year',
};
const HEADER = {
  sheetId: str,
  department: str,
  departmentId,
  fiscalYear: int,
  createdOn: str,
  headTitle: str,
  headName: str,
};
/** The first event where a hash chain breaks: `kind` says what is wrong, `reason` says it in words. */
const chainBreak: Schema = obj(
  {
    streamId: str,
    revision: int,
    position: str,
    kind: { type: 'string', enum: ['removed', 'reordered', 'unhashed', 'unchained', 'altered'] },
    reason: str,
  },
  [],
  true,
);
/** The post the person held that day, as the organisation recorded it on the event. */
const post: Schema = obj(
  { kind: str, title: str, departmentId: str, sectionIds: list(str) },
  ['title', 'departmentId', 'sectionIds'],
  true,
);
const actor: Schema = obj(
  { userId: str, role: str, personId: str, name: str, post },
  ['personId', 'name', 'post'],
  true,
);

/** 次年度への引継ぎ: the goal at the other end, cited as offices cite it (R7-No.3). */
const carryLink: Schema = nullable(
  obj({ goalId: str, sheetId: str, fiscalYear: int, number: nullable(int), citation: nullable(str) }),
);

export const RESPONSE_SCHEMAS = {
  GoalWritten: obj({ goalId: { type: 'string', format: 'uuid' }, revision: int, number: int }, ['number']),
  SheetWritten: obj({ sheetId: { type: 'string', format: 'uuid' }, revision: int }),
  Goal: obj({
    goalId: str,
    sheetId: str,
    department: str,
    departmentId,
    fiscalYear: int,
    fiscalYearLabel: str,
    number: nullable(int),
    status: GOAL_STATUS,
    revision: nullable(int),
    ...CONTENT,
    measureId: described(nullable(str), '施策: the 総合計画 施策 the goal names, by id; null for none'),
    measure: described(
      nullable(obj({ id: str, name: nullable(str), path: list(str) })),
      "施策 as its year's plan names it, with the names of the levels above it (基本目標, 政策); name null when that plan lacks the id",
    ),
    deadline: { type: 'string', format: 'date' },
    achievement: nullable(str),
    achievementComment: nullable(str),
    achievementConfirmed: bool,
    pendingAmendment: amendment,
    lastReturnReason: nullable(str),
    carriedFrom: carryLink,
    carriedTo: carryLink,
  }),
  SheetHeader: obj(HEADER),
  SheetRow: obj(
    {
      number: int,
      goalId: str,
      status: GOAL_STATUS,
      revision: int,
      ...CONTENT,
      measureId: described(str, "施策 by id, when the goal names one ('' after one was taken away)"),
      deadline: str,
      achievement: nullable(str),
      pendingAmendment: amendment,
      /** 中間報告 column: the goal's latest progress that reached the 部長 (year helper, issue 21). */
      midYear: nullable(obj({ window: int, label: str, progress: str, comment: str, reportStatus: str }, ['label'])),
      carriedFrom: carryLink,
      carriedTo: carryLink,
    },
    ['measureId'],
  ),
  Sheet: obj(
    {
      sheetId: str,
      department: str,
      departmentId,
      fiscalYear: int,
      createdOn: str,
      headTitle: str,
      headName: str,
      fiscalYearLabel: str,
      createdOnWareki: str,
      revision: int,
      rows: list(ref('SheetRow')),
      yearClosed: bool,
      /** The fiscal year's 達成度の区分 (scales helper, issue 21): the levels 達成状況 is given in. */
      achievementScale: obj({
        levels: list(str),
        achievedLevels: int,
        notAssessable: nullable(str),
        selectable: list(str),
        achieved: list(str),
        unachieved: list(str),
      }),
      asOf: nullable(str),
      atPosition: nullable(str),
    },
    ['revision', 'asOf', 'atPosition'],
  ),
  SheetPage: obj({
    items: list(obj({ ...HEADER, fiscalYearLabel: str })),
    total: int,
    offset: int,
    limit: int,
  }),
  SectionGoals: obj({
    department: str,
    departmentId,
    sections,
    sectionIds,
    items: list(
      obj({
        goalId: str,
        sheetId: str,
        fiscalYear: int,
        number: nullable(int),
        status: GOAL_STATUS,
        revision: int,
        ...CONTENT,
        lastReturnReason: nullable(str),
      }),
    ),
  }),
  Deadlines: obj({
    from: str,
    to: nullable(str),
    items: list(
      obj({
        goalId: str,
        sheetId: str,
        number: nullable(int),
        title: str,
        sections,
        sectionIds,
        deadline: str,
        status: GOAL_STATUS,
      }),
    ),
  }),
  AuditEntry: obj(
    {
      position: str,
      streamId: str,
      revision: int,
      type: str,
      actor,
      occurredAt: str,
      correlationId: str,
      goalId: str,
      sheetId: str,
      fiscalYear: { type: 'integer', description: 'the goal’s fiscal year: sections in `changes` are named as of it' },
      reason: nullable(str),
      comment: str,
      /** 代決: the department head the acting person decided for. */
      onBehalfOf: nullable(str),
      /** 取込み: the step was taken from a file; the actor is who imported it. */
      imported: nullable(
        obj({ fileName: str, sha256: str, line: int, importedBy: actor, importedAt: str }, [
          'fileName',
          'sha256',
          'line',
          'importedBy',
          'importedAt',
        ]),
      ),
      changes: list(obj({ field: str, before: {}, after: {} }, ['before', 'after'])),
    },
    [
      'actor',
      'imported',
      'occurredAt',
      'correlationId',
      'goalId',
      'sheetId',
      'fiscalYear',
      'reason',
      'comment',
      'onBehalfOf',
      'changes',
    ],
  ),
  GoalHistory: obj({ goalId: str, total: int, offset: int, limit: int, events: list(ref('AuditEntry')) }),
  AuditPage: obj({ items: list(ref('AuditEntry')), total: int, offset: int, limit: int }, [], true),
  /** 部長: a goal waiting for a decision, longest waiting first. */
  InboxDecision: obj(
    {
      kind: { type: 'string', enum: ['submission', 'amendment', 'achievement'] },
      goalId: str,
      sheetId: str,
      title: str,
      sections,
      sectionIds,
      fiscalYear: int,
      waitingSince: str,
      revision: int,
      /** The requested change, for an amendment. */
      changes: partialContent,
      /** The recorded 達成状況, for an achievement to confirm. */
      level: str,
    },
    ['changes', 'level'],
  ),
  /** 課長: a goal of their section to write, rework or rate. */
  InboxToDo: obj({
    kind: { type: 'string', enum: ['draft', 'returned', 'achievement-to-record'] },
    goalId: str,
    sheetId: str,
    number: nullable(int),
    title: str,
    sections,
    sectionIds,
    reason: nullable(str),
    revision: int,
  }),
  /** 後閲: a decision a delegate took in the head's stead (代決), until the head has read it. */
  InboxReview: obj(
    {
      kind: { type: 'string', enum: ['review'] },
      reviewId: described(str, 'the goal event the decision wrote: POST /inbox/reviews/{reviewId}/acknowledge'),
      goalId: str,
      sheetId: str,
      title: str,
      decision: {
        type: 'string',
        enum: [
          'GoalApproved',
          'GoalReturned',
          'GoalAmendmentApproved',
          'GoalAmendmentReturned',
          'AchievementConfirmed',
        ],
      },
      decidedBy: described(str, 'login id of the delegate who decided'),
      decidedByName: described(str, 'their name (the login id where the directory has none)'),
      decidedByPost: described(nullable(str), 'the post they held on the day of the decision'),
      onBehalfOf: described(str, 'login id of the department head the delegate decided for'),
      onBehalfOfName: str,
      onBehalfOfPost: nullable(str),
      delegationId: str,
      reason: described(str, 'the reason given with a return'),
      comment: described(str, 'the comment given with an approval'),
      waitingSince: described(str, 'when the decision was taken: since then it waits for the head'),
    },
    ['delegationId', 'reason', 'comment'],
  ),
  Inbox: obj({
    role: str,
    // Each kind is its own schema; `kind` tells them apart (no discriminator: generators would rename the values).
    items: list({ oneOf: [ref('InboxDecision'), ref('InboxToDo'), ref('InboxReview')] }),
  }),
  ImportResult: obj(
    {
      sheetId: str,
      goalIds: list(str),
      format: { type: 'string', enum: ['tsv', 'csv', 'xlsx'] },
      encoding: str,
      registered: obj({
        department: str,
        sections: list(str),
        head: obj({ title: str, name: str }),
        effectiveFrom: str,
      }),
    },
    ['encoding', 'registered'],
  ),
  StoreVerification: obj(
    {
      ok: bool,
      checked: int,
      walked: int,
      firstBreak: chainBreak,
      checkpoint: obj({ position: str, events: int, headsDigest: str, previous: str, digest: str, at: str }),
    },
    ['firstBreak', 'checkpoint'],
  ),
  FullVerification: obj(
    {
      state: { type: 'string', enum: ['idle', 'running', 'done', 'cancelled', 'failed'] },
      checked: int,
      estimatedTotal: int,
      remainingSeconds: int,
      startedAt: str,
      finishedAt: str,
      ok: bool,
      firstBreak: chainBreak,
      error: str,
    },
    ['estimatedTotal', 'remainingSeconds', 'startedAt', 'finishedAt', 'ok', 'firstBreak', 'error'],
  ),
  Health: obj(
    {
      status: { type: 'string', enum: ['ok', 'degraded'] },
      eventStore: obj({}, [], true),
      redis: obj({}, [], true),
      projector: obj({}, [], true),
      reminders: obj(
        {
          phase: { type: 'string', enum: ['stopped', 'catching-up', 'following'] },
          reconciled: int,
          goals: int,
          since: str,
        },
        ['reconciled', 'goals', 'since'],
      ),
    },
    ['reminders'],
  ),
  RebuildResult: obj({}, [], true),
  FailedReminders: obj({ items: list(obj({}, [], true)) }),
  RetriedReminders: obj({ retried: int }),
  Items: obj({ items: list(obj({}, [], true)) }, [], true),
  SetPasswordLink: obj({ loginId: str, url: str, expiresAt: str }),
  PasswordChanged: obj({ sessionsEnded: int }),
  SessionsEnded: obj({ ended: int }),
} satisfies Record<string, Schema>;

export type ResponseSchemaName = keyof typeof RESPONSE_SCHEMAS;

const ETAG = {
  description: 'The revision, quoted: send it back as If-Match',
  schema: { type: 'string', example: '"3"' },
};

/** The success answer of a route: a named schema (JSON), or a schema under another content type. */
export function ApiAnswers(
  schema: ResponseSchemaName | { contentType: string; schema: Schema },
  options: { status?: number; description?: string; etag?: boolean } = {},
): MethodDecorator {
  const status = options.status ?? 200;
  const description = options.description ?? (status === 201 ? 'Created' : 'OK');
  const headers = options.etag ? { ETag: ETAG } : undefined;
  if (typeof schema === 'string')
    return applyDecorators(ApiResponse({ status, description, headers, schema: ref(schema) }));
  return applyDecorators(
    ApiResponse({ status, description, headers, content: { [schema.contentType]: { schema: schema.schema } } }),
  );
}
