import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Actor, OVERVIEW_SORT_KEYS } from '@goals/domain';
import { CurrentActor } from '../../auth/auth.guard';
import { ApiAnswers } from '../../http/openapi.schemas';
import { OverviewSource } from '../overview-source.service';
import { OVERVIEW_SCHEMA } from '../overview.view';

/** The query parameters every overview route shares. */
export function OverviewQueries(): MethodDecorator {
  return (target, key, descriptor) => {
    ApiQuery({
      name: 'fiscalYear',
      required: false,
      description: 'e.g. 2022 for 令和4年度; this fiscal year when absent',
    })(target, key, descriptor);
    ApiQuery({ name: 'department', required: false, description: 'one department, by its name in that year' })(
      target,
      key,
      descriptor,
    );
    ApiQuery({ name: 'category', required: false, description: '計画・方針等の分類' })(target, key, descriptor);
    ApiQuery({
      name: 'section',
      required: false,
      description: 'goals naming this section (its name in that year), or 共通',
    })(target, key, descriptor);
    ApiQuery({ name: 'sort', required: false, enum: OVERVIEW_SORT_KEYS })(target, key, descriptor);
    ApiQuery({ name: 'order', required: false, enum: ['asc', 'desc'] })(target, key, descriptor);
  };
}

@ApiTags('overview')
@ApiBearerAuth()
@Controller('overview')
export class GetOverviewController {
  constructor(private readonly source: OverviewSource) {}

  @ApiAnswers({ contentType: 'application/json', schema: OVERVIEW_SCHEMA })
  @Get()
  @ApiOperation({
    summary:
      '全庁の状況: one row per department of the fiscal year (as named that year) — goals by status, achievement by the year’s scale, the 達成率, days since the oldest pending decision; each figure with the goals behind it. 企画担当 and 監査 only.',
  })
  @OverviewQueries()
  overview(
    @CurrentActor() actor: Actor,
    @Query('fiscalYear') fiscalYear?: string,
    @Query('department') department?: string,
    @Query('category') category?: string,
    @Query('section') section?: string,
    @Query('sort') sort?: string,
    @Query('order') order?: string,
  ) {
    return this.source.overview(actor, { fiscalYear, department, category, section, sort, order });
  }
}
