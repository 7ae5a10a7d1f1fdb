const str = { type: 'string' };
const int = { type: 'integer' };
const bool = { type: 'boolean' };
const nullable = (s: object) => ({ ...s, nullable: true });
const list = (items: object) => ({ type: 'array', items });
const obj = (properties: Record<string, unknown>, required = Object.keys(properties)) => ({
  type: 'object',
  required,
  properties,
});
const SECTION = obj({ sectionId: str, name: str });

/** The 「次年度へ引き継ぐ」 screen: every goal of the closed year, why it is offered, where its sections go. */
export const CARRY_OVER = {
  contentType: 'application/json',
  schema: obj({
    sheetId: str,
    fiscalYear: int,
    revision: nullable(int),
    from: nullable(obj({ sheetId: str, fiscalYear: int, closed: bool })),
    goals: list(
      obj({
        goalId: str,
        number: int,
        citation: str,
        title: str,
        level: nullable(str),
        sections: list(str),
        reasons: list({ type: 'string', enum: ['lower-level', 'continuing'] }),
        candidate: bool,
        continuing: bool,
        mapping: list(
          obj({
            from: SECTION,
            outcome: { type: 'string', enum: ['same', 'renamed', 'merged', 'split', 'abolished'] },
            to: nullable(SECTION),
            choices: list(SECTION),
          }),
        ),
        carried: nullable(obj({ goalId: str, number: nullable(int), citation: nullable(str) })),
      }),
    ),
  }),
};

/** What carrying answers: each origin and the draft it became (the revision of the carry-over, also as ETag). */
export const CARRIED = {
  contentType: 'application/json',
  schema: obj({
    sheetId: str,
    revision: int,
    carried: list(obj({ from: obj({ goalId: str, number: int }), goalId: str, number: int })),
  }),
};

export const CONTINUING_MARKED = {
  contentType: 'application/json',
  schema: obj({ goalId: str, continuing: bool, revision: int }),
};
