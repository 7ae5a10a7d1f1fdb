import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Actor, carryOverCandidates, goalCitation, needsChoice, SectionMapping } from '@goals/domain';
import { assertMayRead } from '../../shared/read-access';
import { CarryOverWorkflow } from './carry-over-workflow.service';

export class GetCarryOverQuery {
  constructor(
    readonly sheetId: string,
    readonly actor: Actor,
  ) {}
}

/**
 * What next year's sheet is offered: read from the closed year's goals and its carry-over stream as
 * they are now (a decision the screen acts on at once). A 課長 sees the goals their sections carry.
 */
@QueryHandler(GetCarryOverQuery)
export class GetCarryOverHandler implements IQueryHandler<GetCarryOverQuery> {
  constructor(private readonly carryOver: CarryOverWorkflow) {}

  async execute({ sheetId, actor }: GetCarryOverQuery) {
    const to = await this.carryOver.target(sheetId);
    assertMayRead(actor, { departmentId: to.departmentId, name: to.department }, 'sheets');
    const context = await this.carryOver.context(sheetId);
    if (!context) return { sheetId, fiscalYear: to.fiscalYear, revision: null, from: null, goals: [] };
    const { sheets, stream, state } = context;
    const { order } = to;
    const own = actor.role === 'sectionHead' ? new Set(actor.post?.sectionIds ?? []) : undefined;
    const goals = carryOverCandidates(state, sheets)
      .filter(({ sections }) => !own || sections.some((m) => offeredTo(m).some((s) => own.has(s.sectionId))))
      .map(({ goal, reasons, continuing, sections, carried }) => {
        const number = carried ? order.indexOf(carried.goalId) + 1 || null : null;
        return {
          goalId: goal.goalId,
          number: goal.number,
          citation: goalCitation({ fiscalYear: sheets.from.fiscalYear, number: goal.number }),
          title: goal.title,
          level: goal.level ?? null,
          sections: sections.map((m) => m.from.name),
          reasons,
          candidate: reasons.length > 0,
          continuing,
          mapping: sections.map((m) => ({
            from: m.from,
            outcome: m.outcome,
            to: needsChoice(m) ? null : m.to,
            choices: needsChoice(m) ? m.choices : [],
          })),
          carried: carried
            ? {
                goalId: carried.goalId,
                number,
                citation: number ? goalCitation({ fiscalYear: to.fiscalYear, number }) : null,
              }
            : null,
        };
      });
    return {
      sheetId,
      fiscalYear: to.fiscalYear,
      revision: stream.revision === undefined ? null : Number(stream.revision),
      from: { sheetId: sheets.from.sheetId, fiscalYear: sheets.from.fiscalYear, closed: sheets.from.closed },
      goals,
    };
  }
}

/**
 * The sections a goal goes to, as a 課長's list sees them: its successor, or the successors of a split.
 * A goal of an abolished section is the 部長's to place, so no 課長 sees it as theirs.
 */
function offeredTo(mapping: SectionMapping) {
  if (mapping.outcome === 'abolished') return [];
  return needsChoice(mapping) ? mapping.choices : [mapping.to];
}
