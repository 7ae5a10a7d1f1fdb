/**
 * Lineage of a section, for every signed-in role: its names and departments over time, where its
 * work came from and went in merges and splits, and (given a fiscal year) which sections carry it
 * that year — where last year's 市民課 goals belong after 市民課 became part of 市民経済課.
 */
import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { jstDateOf, NotFound, sectionLineage, sectionsOfGoalIn } from '@goals/domain';
import { CLOCK, Clock } from '@goals/platform';
import { idParam } from '../../shared/goal-id.pipe';
import { ProblemView } from '../organisation.views';
import { fiscalYearParam } from '../fiscal-year.param';
import { OrganisationDirectory } from '../organisation-directory.service';
import { SectionLineageView } from './section-lineage.views';

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('organisation/sections')
export class SectionLineageController {
  constructor(
    private readonly directory: OrganisationDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':sectionId/lineage')
  @ApiOperation({
    summary:
      'Every role: where a section came from and where its work went (merges, splits), with its names and departments',
  })
  @ApiQuery({
    name: 'fiscalYear',
    required: false,
    description: '2024 for 令和6年度: adds the sections that carry its work in that year',
  })
  @ApiOkResponse({ type: SectionLineageView })
  @ApiBadRequestResponse({ type: ProblemView, description: 'sectionId is not a UUID, or fiscalYear not a year' })
  @ApiNotFoundResponse({ type: ProblemView, description: 'No such section' })
  async lineage(
    @Param('sectionId', idParam('sectionId')) sectionId: string,
    @Query('fiscalYear') fiscalYear?: string,
  ): Promise<SectionLineageView> {
    const year = fiscalYear === undefined ? undefined : fiscalYearParam(fiscalYear, jstDateOf(this.clock.now()));
    const state = await this.directory.current();
    const lineage = sectionLineage(state, sectionId);
    if (!lineage) throw new NotFound('section', sectionId);
    return {
      ...lineage,
      ...(year !== undefined
        ? { carriedIn: { fiscalYear: year, sections: sectionsOfGoalIn(state, [sectionId], year) } }
        : {}),
    };
  }
}
