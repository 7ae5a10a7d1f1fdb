import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { fiscalYearOfDate, InvalidInput, planForYear, tokyoDay } from '@goals/domain';
import { CLOCK, Clock } from '@goals/platform';
import { ApiAnswers } from '../../http/openapi.schemas';
import { PlanWorkflow } from '../plan-workflow.service';
import { PLAN_SCHEMA, planView, PlanView } from '../plan.views';

@ApiTags('plan')
@ApiBearerAuth()
@Controller('plan')
export class GetPlanController {
  constructor(
    private readonly plan: PlanWorkflow,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiAnswers({ contentType: 'application/json', schema: PLAN_SCHEMA })
  @ApiOperation({
    summary:
      'The 総合計画 a fiscal year uses (its 基本目標・政策・施策, the 施策 a goal may name) and every version loaded; null when the city has loaded none. Anyone signed in.',
  })
  @ApiQuery({
    name: 'fiscalYear',
    required: false,
    description: 'e.g. 2022 for 令和4年度; this fiscal year when absent',
  })
  async get(@Query('fiscalYear') fiscalYear?: string): Promise<PlanView> {
    let year: number;
    if (fiscalYear === undefined || fiscalYear === '') year = fiscalYearOfDate(tokyoDay(this.clock.now()));
    else if (typeof fiscalYear === 'string' && /^\d{4}$/.test(fiscalYear)) year = Number(fiscalYear);
    else
      throw InvalidInput.of(
        'fiscalYear',
        'must be a year like 2022',
        '年度は始まる年を西暦4桁で指定してください（例: 令和4年度なら 2022）',
      );
    const state = await this.plan.state();
    return planView(year, state, planForYear(state, year));
  }
}
