/** The publication routes' answers in the OpenAPI document. */
const str = { type: 'string' };
const int = { type: 'integer' };
const obj = (properties: Record<string, unknown>) => ({
  type: 'object',
  required: Object.keys(properties),
  properties,
});

const goal = obj({
  number: int,
  title: str,
  category: str,
  targetLevel: str,
  method: str,
  deadlineMonth: int,
  sections: { type: 'array', items: str },
  achievement: { type: 'string', nullable: true },
});

export const PUBLISHED_SHEET = obj({
  publicationId: str,
  sheetId: str,
  departmentId: str,
  department: str,
  fiscalYear: int,
  kind: { type: 'string', enum: ['setting', 'midterm', 'result'] },
  version: int,
  position: str,
  publishedAt: str,
  createdOn: str,
  headTitle: str,
  headName: str,
  goals: { type: 'array', items: goal },
});

const summary = {
  publicationId: str,
  sheetId: str,
  departmentId: str,
  department: str,
  fiscalYear: int,
  kind: { type: 'string', enum: ['setting', 'midterm', 'result'] },
  version: int,
  position: str,
  publishedAt: str,
  contentHash: str,
  publicPath: str,
};

export const PUBLICATION_SCHEMA = { contentType: 'application/json', schema: obj({ ...summary, revision: int }) };

export const PREVIEW_SCHEMA = {
  contentType: 'application/json',
  schema: obj({ content: PUBLISHED_SHEET, notes: { type: 'array', items: str }, revision: { ...int, nullable: true } }),
};

export const PUBLICATION_LIST_SCHEMA = {
  contentType: 'application/json',
  schema: obj({
    items: {
      type: 'array',
      items: obj({ ...summary, goalCount: int, intact: { type: 'boolean' }, publishedBy: { type: 'object' } }),
    },
  }),
};

export const PUBLICATION_DIFF_SCHEMA = {
  contentType: 'application/json',
  schema: obj({
    from: obj(summary),
    to: obj(summary),
    goals: {
      type: 'array',
      items: obj({
        number: int,
        change: { type: 'string', enum: ['added', 'removed', 'changed'] },
        fields: { type: 'array', items: obj({ field: str, heading: str, before: str, after: str }) },
      }),
    },
  }),
};
