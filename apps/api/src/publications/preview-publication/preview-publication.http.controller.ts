import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Actor, PUBLICATION_KINDS } from '@goals/domain';
import { CurrentActor } from '../../shared/current-actor';
import { idParam } from '../../shared/goal-id.pipe';
import { ApiAnswers } from '../../http/openapi.schemas';
import { PublicationWorkflow } from '../publication-workflow.service';
import { PREVIEW_SCHEMA } from '../publication.schemas';

@ApiTags('publications')
@ApiBearerAuth()
@Controller('sheets')
export class PreviewPublicationController {
  constructor(private readonly publications: PublicationWorkflow) {}

  @ApiAnswers(PREVIEW_SCHEMA)
  @Get(':sheetId/publications/preview')
  @ApiOperation({
    summary: '部長: what 公表 would publish now, and which goals are left out or keep their approved text',
  })
  @ApiQuery({ name: 'kind', required: true, enum: PUBLICATION_KINDS })
  preview(
    @Param('sheetId', idParam('sheetId')) sheetId: string,
    @CurrentActor() actor: Actor,
    @Query('kind') kind: string,
  ) {
    return this.publications.preview(sheetId, kind, actor);
  }
}
