import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Actor, comparePublications, InvalidInput, NotFound, PublishedSheet } from '@goals/domain';
import { CurrentActor } from '../../shared/current-actor';
import { idParam } from '../../shared/goal-id.pipe';
import { assertMayRead } from '../../shared/read-access';
import { ApiAnswers } from '../../http/openapi.schemas';
import { publicPathOf, PublicationWorkflow } from '../publication-workflow.service';
import { PUBLICATION_DIFF_SCHEMA } from '../publication.schemas';

@ApiTags('publications')
@ApiBearerAuth()
@Controller('sheets')
export class ComparePublicationsController {
  constructor(private readonly publications: PublicationWorkflow) {}

  @ApiAnswers(PUBLICATION_DIFF_SCHEMA)
  @Get(':sheetId/publications/compare')
  @ApiOperation({
    summary: 'What changed between two publications of the sheet, goal by goal under the sheet headings',
  })
  @ApiQuery({ name: 'from', required: true, description: 'publicationId of the earlier one' })
  @ApiQuery({ name: 'to', required: true, description: 'publicationId of the later one' })
  async compare(
    @Param('sheetId', idParam('sheetId')) sheetId: string,
    @CurrentActor() actor: Actor,
    @Query('from') from: string,
    @Query('to') to: string,
  ) {
    const all = await this.publications.ofSheet(sheetId);
    const find = (field: 'from' | 'to', id: unknown) => {
      if (typeof id !== 'string' || id === '')
        throw InvalidInput.of(field, '比べる公表の publicationId を指定してください');
      const found = all.find((p) => p.content.publicationId === id);
      if (!found) throw new NotFound('publication', id);
      return found;
    };
    const before = find('from', from);
    const after = find('to', to);
    assertMayRead(
      actor,
      { departmentId: before.content.departmentId, name: before.content.department },
      'publications',
    );
    const summary = (
      { goals: _g, createdOn: _c, headTitle: _t, headName: _n, ...rest }: PublishedSheet,
      hash: string,
    ) => ({
      ...rest,
      contentHash: hash,
      publicPath: publicPathOf(rest),
    });
    return {
      from: summary(before.content, before.contentHash),
      to: summary(after.content, after.contentHash),
      goals: comparePublications(before.content, after.content),
    };
  }
}
