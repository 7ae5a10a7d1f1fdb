import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Actor, InvalidInput, NotFound } from '@goals/domain';
import { AuditEntry, Page, ReadModelQueries } from '@goals/read-models';
import { CurrentActor } from '../../auth/auth.guard';
import { pageOf } from '../../shared/pagination';
import { assertAuditor, assertMayRead } from '../../shared/read-access';
import { Naming, OrganisationDirectory } from '../../organisation/organisation-directory.service';
import { ApiAnswers } from '../../http/openapi.schemas';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class GetAuditTrailController {
  constructor(
    private readonly readModels: ReadModelQueries,
    private readonly organisation: OrganisationDirectory,
  ) {}

  @ApiAnswers('AuditPage')
  @Get('trail')
  @ApiOperation({
    summary: 'Who changed what, when and why, field by field: for a goal, a sheet, or (auditors) everything',
  })
  @ApiQuery({ name: 'goalId', required: false })
  @ApiQuery({ name: 'sheetId', required: false })
  @ApiQuery({ name: 'offset', required: false })
  @ApiQuery({ name: 'limit', required: false, description: 'at most 200' })
  async trail(
    @CurrentActor() actor: Actor,
    @Query('goalId') goalId?: string,
    @Query('sheetId') sheetId?: string,
    @Query('offset') offset?: string,
    @Query('limit') limit?: string,
  ) {
    const page = pageOf(offset, limit);
    if (goalId !== undefined && sheetId !== undefined)
      throw InvalidInput.of(
        'goalId',
        'give either goalId or sheetId, not both',
        'goalId と sheetId はどちらか一つにしてください',
      );
    for (const [field, value] of [
      ['goalId', goalId],
      ['sheetId', sheetId],
    ] as const)
      if (value !== undefined && (typeof value !== 'string' || !UUID.test(value)))
        throw InvalidInput.of(field, 'must be a UUID');
    const naming = await this.organisation.naming();
    if (goalId) {
      const goal = await this.readModels.goal(goalId);
      if (!goal) throw new NotFound('goal', goalId);
      const department = {
        departmentId: goal.departmentId,
        name: naming.department(goal.departmentId, goal.fiscalYear),
      };
      assertMayRead(actor, department, 'goals');
      return named(await this.readModels.history({ goalId }, page), naming);
    }
    if (sheetId) {
      const header = await this.readModels.sheetHeader(sheetId);
      if (!header) throw new NotFound('sheet', sheetId);
      const { departmentId, fiscalYear } = header;
      assertMayRead(actor, { departmentId, name: naming.department(departmentId, fiscalYear) }, 'sheets');
      return named(await this.readModels.history({ sheetId }, page), naming);
    }
    assertAuditor(actor);
    return named(await this.readModels.history({ all: true }, page), naming);
  }
}

/** The trail keeps sections by id; people read them named as of the goal's fiscal year. */
function named(page: Page<AuditEntry>, naming: Naming): Page<AuditEntry> {
  return {
    ...page,
    items: page.items.map((entry) =>
      entry.fiscalYear === undefined || !entry.changes
        ? entry
        : {
            ...entry,
            changes: entry.changes.map((c) =>
              c.field !== 'sections'
                ? c
                : {
                    ...c,
                    ...(Array.isArray(c.before)
                      ? { before: naming.sections(c.before as string[], entry.fiscalYear!) }
                      : {}),
                    ...(Array.isArray(c.after)
                      ? { after: naming.sections(c.after as string[], entry.fiscalYear!) }
                      : {}),
                  },
            ),
          },
    ),
  };
}
