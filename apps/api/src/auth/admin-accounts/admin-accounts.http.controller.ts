import { Controller, Delete, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, InvalidInput, NotFound } from '@goals/domain';
import { CLOCK, Clock } from '@goals/platform';
import { APP_CONFIG, AppConfig } from '@goals/infrastructure';
import { assertAdmin } from '../../shared/read-access';
import { Accounts } from '../accounts.service';
import { CurrentActor } from '../auth.guard';
import { ApiAnswers } from '../../http/openapi.schemas';

function checkedLoginId(loginId: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point: they are refused
  if (!/^[^\u0000-\u001f\u007f/]{1,200}$/.test(loginId))
    throw InvalidInput.of(
      'loginId',
      'must be 1 to 200 characters, no control characters or /',
      'ログインIDは200字以内で、制御文字や / を含めずに指定してください',
    );
  return loginId;
}

/** Administrators issue set-password links and see or end a person's browser sessions. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/accounts/:loginId')
export class AdminAccountsController {
  constructor(
    private readonly accounts: Accounts,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @ApiAnswers('SetPasswordLink', { status: 201 })
  @Post('set-password-link')
  @HttpCode(201)
  @ApiOperation({ summary: 'Admin: a one-time link at which the person sets their password (expires; single use)' })
  async issueLink(@CurrentActor() actor: Actor, @Param('loginId') loginId: string) {
    assertAdmin(actor, 'issues set-password links', { writes: true });
    const { token, expiresAt } = await this.accounts.issueSetPasswordLink(checkedLoginId(loginId), {
      userId: actor.userId,
      role: actor.role,
    });
    const base =
      this.config.auth.publicUrl ??
      `http://${this.config.host === '0.0.0.0' ? '127.0.0.1' : this.config.host}:${this.config.port}`;
    return { loginId, url: `${base}/set-password?token=${token}`, expiresAt: expiresAt.toISOString() };
  }

  @ApiAnswers('Items')
  @Get('sessions')
  @ApiOperation({ summary: "Admin: the person's browser sessions (handle, method, when, from where)" })
  async sessions(@CurrentActor() actor: Actor, @Param('loginId') loginId: string) {
    assertAdmin(actor, "lists people's sessions", { writes: false });
    return { items: await this.accounts.sessions.list(checkedLoginId(loginId), this.clock.now()) };
  }

  @Delete('sessions/:handle')
  @HttpCode(204)
  @ApiOperation({ summary: 'Admin: ends one session of the person' })
  async revoke(@CurrentActor() actor: Actor, @Param('loginId') loginId: string, @Param('handle') handle: string) {
    assertAdmin(actor, "ends people's sessions", { writes: true });
    if (
      !(await this.accounts.revokeSession(checkedLoginId(loginId), handle, { userId: actor.userId, role: actor.role }))
    )
      throw new NotFound(`session of ${loginId}`, handle);
  }

  @ApiAnswers('SessionsEnded')
  @Delete('sessions')
  @HttpCode(200)
  @ApiOperation({ summary: 'Admin: ends every session of the person' })
  async revokeAll(@CurrentActor() actor: Actor, @Param('loginId') loginId: string) {
    assertAdmin(actor, "ends people's sessions", { writes: true });
    return {
      ended: await this.accounts.revokeAllSessions(checkedLoginId(loginId), { userId: actor.userId, role: actor.role }),
    };
  }
}
