import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { departmentsIn, jstDateOf } from '@goals/domain';
import { CLOCK, Clock } from '@goals/platform';
import { fiscalYearParam } from '../fiscal-year.param';
import { DepartmentsView, ProblemView } from '../organisation.views';
import { OrganisationDirectory } from '../organisation-directory.service';

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('departments')
export class ListDepartmentsController {
  constructor(
    private readonly directory: OrganisationDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Every role: the departments and their sections in a fiscal year, named as of that year' })
  @ApiQuery({ name: 'fiscalYear', required: false, description: '2022 for 令和4年度; this fiscal year when left out' })
  @ApiOkResponse({ type: DepartmentsView })
  @ApiBadRequestResponse({ type: ProblemView, description: 'fiscalYear is not a year' })
  async list(@Query('fiscalYear') fiscalYear?: string): Promise<DepartmentsView> {
    const year = fiscalYearParam(fiscalYear, jstDateOf(this.clock.now()));
    return { fiscalYear: year, departments: departmentsIn(await this.directory.current(), year) };
  }
}
