import { Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Actor, InvalidInput } from '@goals/domain';
import { ChainBreak } from '@goals/event-store';
import { CurrentActor } from '../../auth/auth.guard';
import { assertAuditor } from '../../shared/read-access';
import { ApiAnswers } from '../../http/openapi.schemas';
import { FullVerificationProgress, StoreVerifier } from './store-verifier';

const forHttp = (b: ChainBreak | undefined) =>
  b ? { ...b, revision: Number(b.revision), position: String(b.position) } : undefined;
const progressForHttp = (p: FullVerificationProgress) => ({ ...p, firstBreak: forHttp(p.firstBreak) });

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class VerifyStoreController {
  constructor(private readonly verifier: StoreVerifier) {}

  @ApiAnswers('StoreVerification')
  @Get('verify')
  @ApiQuery({
    name: 'full',
    required: false,
    description: 'true: walk every event again now, not only those since the last checkpoint',
  })
  @ApiOperation({
    summary:
      'Auditors: checks the hash chains of the events since the last verified checkpoint (all of them the first time, or with full=true); reports the first altered, removed or reordered event',
  })
  async verify(@CurrentActor() actor: Actor, @Query('full') full?: string) {
    assertAuditor(actor);
    if (full !== undefined && full !== 'true' && full !== 'false')
      throw InvalidInput.of('full', 'must be true or false', 'full は true か false で指定してください');
    if (full === 'true') {
      this.verifier.startFull();
      const progress = await this.verifier.fullSettled();
      if (progress.state !== 'done') throw new Error(progress.error ?? `the full verification was ${progress.state}`);
      return {
        ok: progress.ok!,
        checked: progress.checked,
        walked: progress.checked,
        firstBreak: forHttp(progress.firstBreak),
      };
    }
    const result = await this.verifier.verify();
    return { ...result, firstBreak: forHttp(result.firstBreak) };
  }

  @ApiAnswers('FullVerification', { status: 202 })
  @Post('verify/full')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Auditors: starts walking every event again in the background (finds an event altered before the last checkpoint); answers with its progress',
  })
  startFull(@CurrentActor() actor: Actor) {
    assertAuditor(actor);
    return progressForHttp(this.verifier.startFull());
  }

  @ApiAnswers('FullVerification')
  @Get('verify/full')
  @ApiOperation({
    summary: 'Auditors: progress of the full re-verification: events checked, estimated time left, result',
  })
  fullProgress(@CurrentActor() actor: Actor) {
    assertAuditor(actor);
    return progressForHttp(this.verifier.fullProgress());
  }

  @ApiAnswers('FullVerification')
  @Delete('verify/full')
  @ApiOperation({ summary: 'Auditors: cancels the full re-verification under way' })
  async cancelFull(@CurrentActor() actor: Actor) {
    assertAuditor(actor);
    return progressForHttp(await this.verifier.cancelFull());
  }
}
