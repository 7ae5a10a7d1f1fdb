import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '@goals/domain';
import { CurrentActor } from '../../auth/auth.guard';
import { idParam } from '../../shared/goal-id.pipe';
import { ApiAnswers } from '../../http/openapi.schemas';
import { GetYearQuery } from './get-year.query';

const str = { type: 'string' };
const int = { type: 'integer' };
const nullableStr = { type: 'string', nullable: true };
const obj = (properties: Record<string, unknown>) => ({
  type: 'object',
  required: Object.keys(properties),
  properties,
});
const YEAR = obj({
  sheetId: str,
  today: str,
  closed: { type: 'boolean' },
  reopenReason: nullableStr,
  excluded: { type: 'array', items: obj({ goalId: str, reason: str, number: { ...int, nullable: true } }) },
  windows: {
    type: 'array',
    items: obj({
      number: int,
      label: nullableStr,
      opensOn: str,
      closesOn: str,
      opensOnWareki: str,
      closesOnWareki: str,
      phase: { type: 'string', enum: ['upcoming', 'open', 'past'] },
      counts: { type: 'object', additionalProperties: int },
      notReported: { type: 'array', items: str },
      sections: {
        type: 'array',
        items: obj({
          sectionId: str,
          section: str,
          status: { type: 'string', enum: ['none', 'draft', 'submitted', 'returned', 'confirmed'] },
          late: { type: 'boolean' },
          lastReturnReason: nullableStr,
          revision: { ...int, nullable: true },
          updatedAt: nullableStr,
          goals: {
            type: 'array',
            items: obj({ goalId: str, number: int, title: str, progress: nullableStr, comment: str }),
          },
        }),
      },
    }),
  },
});

@ApiTags('year')
@ApiBearerAuth()
@Controller('sheets')
export class GetYearController {
  constructor(private readonly queries: QueryBus) {}

  @ApiAnswers({ contentType: 'application/json', schema: YEAR })
  @Get(':sheetId/year')
  @ApiOperation({
    summary:
      "The sheet's year: 中間報告 windows with each section's report, counts by 進捗状況, who has not reported; the close",
  })
  getYear(@Param('sheetId', idParam('sheetId')) sheetId: string, @CurrentActor() actor: Actor) {
    return this.queries.execute(new GetYearQuery(sheetId, actor));
  }
}
