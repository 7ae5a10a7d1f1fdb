import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, NotFound } from '@goals/domain';
import { ReadModelQueries } from '@goals/read-models';
import { CurrentActor } from '../../shared/current-actor';
import { idParam } from '../../shared/goal-id.pipe';
import { assertMayRead } from '../../shared/read-access';
import { ApiAnswers } from '../../http/openapi.schemas';
import { OrganisationDirectory } from '../../organisation/organisation-directory.service';
import { publicPathOf, PublicationWorkflow } from '../publication-workflow.service';
import { PUBLICATION_LIST_SCHEMA } from '../publication.schemas';

@ApiTags('publications')
@ApiBearerAuth()
@Controller('sheets')
export class ListPublicationsController {
  constructor(
    private readonly publications: PublicationWorkflow,
    private readonly readModels: ReadModelQueries,
    private readonly organisation: OrganisationDirectory,
  ) {}

  @ApiAnswers(PUBLICATION_LIST_SCHEMA)
  @Get(':sheetId/publications')
  @ApiOperation({
    summary: "The sheet's publications from its stream, each with whether its content still gives its recorded hash",
  })
  async list(@Param('sheetId', idParam('sheetId')) sheetId: string, @CurrentActor() actor: Actor) {
    const header = await this.readModels.sheetHeader(sheetId);
    if (!header) throw new NotFound('sheet', sheetId);
    const naming = await this.organisation.naming();
    assertMayRead(
      actor,
      { departmentId: header.departmentId, name: naming.department(header.departmentId, header.fiscalYear) },
      'publications',
    );
    const items = (await this.publications.ofSheet(sheetId)).map(({ content, contentHash, publishedBy, intact }) => {
      const { goals, createdOn: _c, headTitle: _t, headName: _n, ...summary } = content;
      return {
        ...summary,
        contentHash,
        publicPath: publicPathOf(content),
        goalCount: goals.length,
        intact,
        publishedBy,
      };
    });
    return { items };
  }
}
