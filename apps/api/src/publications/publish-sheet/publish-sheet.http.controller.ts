import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext, WriteContext } from '../../shared/command-context';
import { idParam } from '../../shared/goal-id.pipe';
import { Reply, withRevision } from '../../shared/write.response';
import { ApiAnswers } from '../../http/openapi.schemas';
import { PublicationWorkflow } from '../publication-workflow.service';
import { PublishSheetRequest } from './publish-sheet.request.dto';
import { PUBLICATION_SCHEMA } from '../publication.schemas';

@ApiTags('publications')
@ApiBearerAuth()
@Controller('sheets')
export class PublishSheetController {
  constructor(private readonly publications: PublicationWorkflow) {}

  @ApiAnswers(PUBLICATION_SCHEMA, { status: 201, etag: true })
  @Post(':sheetId/publications')
  @ApiOperation({
    summary:
      '部長: 公表する — freezes the approved text as a new version of this kind, with its store position and SHA-256',
  })
  async publish(
    @Param('sheetId', idParam('sheetId')) sheetId: string,
    @Body() body: PublishSheetRequest,
    @WriteContext() ctx: CommandContext,
    @Res({ passthrough: true }) reply: Reply,
  ) {
    return withRevision(reply, await this.publications.publish(sheetId, body.kind, ctx));
  }
}
