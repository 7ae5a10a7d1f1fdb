import { Controller, HttpCode, Optional, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, IllegalTransition } from '@goals/domain';
import { ProjectorService } from '@goals/infrastructure';
import { CurrentActor } from '../../auth/auth.guard';
import { assertAdmin } from '../../shared/read-access';
import { ApiAnswers } from '../../http/openapi.schemas';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/read-models')
export class RebuildReadModelsController {
  constructor(@Optional() private readonly projector?: ProjectorService) {}

  @ApiAnswers('RebuildResult')
  @Post('rebuild')
  @HttpCode(200)
  @ApiOperation({ summary: 'Admin: drops every read model and replays all events into them' })
  async rebuild(@CurrentActor() actor: Actor) {
    assertAdmin(actor, 'rebuilds the read models', { writes: true });
    if (!this.projector)
      throw new IllegalTransition(
        'RebuildReadModels',
        'projector in the worker',
        'the projector runs in the worker process here: run `npm run rebuild-read-models` there',
        'この構成では読み取りモデルはワーカーが作っています。ワーカーの側で npm run rebuild-read-models を実行してください',
      );
    return this.projector.rebuild();
  }
}
