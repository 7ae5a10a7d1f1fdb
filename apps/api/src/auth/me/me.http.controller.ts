import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { Actor, InvalidInput, jstDateOf, NotFound } from '@goals/domain';
import { CLOCK, Clock } from '@goals/platform';
import { APP_CONFIG, AppConfig } from '@goals/infrastructure';
import { Accounts } from '../accounts.service';
import { ACTOR_RESOLVER, ActorResolver } from '../actor-resolver';
import { CurrentActor, CurrentSession } from '../auth.guard';
import { Session } from '../session.store';
import { ApiAnswers } from '../../http/openapi.schemas';

export class ChangePasswordRequest {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(1024) currentPassword!: string;
  @ApiProperty({ description: 'at least 12 characters, not the login id' })
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  newPassword!: string;
}

export class DepartmentRef {
  @ApiPropertyOptional() id?: string;
  @ApiProperty() name!: string;
}

export class UpcomingPost {
  @ApiProperty({ description: 'the post as it will be titled (総務課長)' }) title!: string;
  @ApiProperty({ description: 'the first day it is held, YYYY-MM-DD' }) from!: string;
}

export class MeResponse {
  @ApiProperty({ description: 'the id the person signs in with' }) loginId!: string;
  @ApiPropertyOptional({ description: 'the person in the directory, where it has ids of its own' }) personId?: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['sectionHead', 'departmentHead', 'auditor', 'admin', 'clerk', 'planning'] }) role!: string;
  @ApiPropertyOptional({ type: DepartmentRef }) department?: DepartmentRef;
  @ApiProperty({ type: [String], description: 'sections headed today' }) sections!: string[];
  @ApiProperty({ type: [String], description: 'the posts held today, by title (市民課長, 市民生活部長)' })
  posts!: string[];
  @ApiProperty({
    description:
      'send as header x-csrf-token on every write made with the session cookie; empty for bearer tokens, which need none',
  })
  csrfToken!: string;
  @ApiProperty({ type: [String], description: 'the 計画・方針等の分類 a goal may take' }) categories!: string[];
  @ApiProperty({ type: [String], description: 'the 達成状況 scale, best first' }) achievementScale!: string[];
  @ApiPropertyOptional({
    description:
      'a browser session: seconds without a request after which it ends (every request, this one too, starts them again)',
  })
  sessionIdleSeconds?: number;
  @ApiPropertyOptional({ description: 'a browser session: seconds until it ends whatever its use (from sign-in)' })
  sessionEndsInSeconds?: number;
  @ApiPropertyOptional({
    type: [UpcomingPost],
    description: 'posts the person will take up after today (an appointment announced for 4月1日), earliest first',
  })
  upcomingPosts?: UpcomingPost[];
}

/** What the directory may add to an Actor (the organisation's people have ids, names and dated posts). */
type RicherActor = Actor & {
  personId?: string;
  name?: string;
  posts?: (string | { title?: string })[];
  departmentId?: string;
};

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(
    private readonly accounts: Accounts,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ACTOR_RESOLVER) private readonly actors: ActorResolver,
  ) {}

  @ApiAnswers('Items')
  @Get('sessions')
  @ApiOperation({ summary: "The person's own browser sessions (this one marked current)" })
  async sessions(@CurrentActor() actor: Actor, @CurrentSession() session?: Session) {
    const items = await this.accounts.sessions.list(actor.userId, this.clock.now());
    return { items: items.map((s) => ({ ...s, current: s.handle === session?.handle })) };
  }

  @Delete('sessions/:handle')
  @HttpCode(204)
  @ApiOperation({ summary: "Ends one of the person's own sessions (another browser, a lost PC)" })
  async endSession(@CurrentActor() actor: Actor, @Param('handle') handle: string) {
    if (!(await this.accounts.revokeSession(actor.userId, handle, { userId: actor.userId, role: 'self' })))
      throw new NotFound(`session of ${actor.userId}`, handle);
  }

  @ApiAnswers('PasswordChanged')
  @Post('password')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Changes the own password (local accounts); every session ends, this one too: sign in again',
  })
  async changePassword(
    @CurrentActor() actor: Actor,
    @Body() body: ChangePasswordRequest,
    @Req() request: { ip: string },
  ) {
    const outcome = await this.accounts.changeOwnPassword(
      actor.userId,
      body.currentPassword,
      body.newPassword,
      request.ip,
    );
    if (!outcome.ok) {
      // The password policy speaks Japanese already (現在のパスワード…, 12字以上…).
      const ja = outcome.problem;
      throw InvalidInput.of(/現在/.test(ja) || /一時的/.test(ja) ? 'currentPassword' : 'newPassword', ja, ja);
    }
    return { sessionsEnded: outcome.sessionsEnded };
  }

  @Get()
  @ApiOperation({ summary: 'Who is signed in, the posts they hold today, and the CSRF token of a browser session' })
  @ApiOkResponse({ type: MeResponse })
  async me(@CurrentActor() actor: RicherActor, @CurrentSession() session?: Session): Promise<MeResponse> {
    const { directory } = this.config;
    const headTitle = directory.departments.find((d) => d.name === actor.department)?.headTitle;
    // Titles, as the sheet prints them; a directory with dated posts (actor.posts) names them itself.
    const posts = actor.posts
      ? actor.posts.map((p) => (typeof p === 'string' ? p : (p.title ?? ''))).filter(Boolean)
      : actor.role === 'departmentHead' && headTitle
        ? [headTitle]
        : actor.sections.map((section) => `${section}長`);
    // Until the directory's Actor carries a name, the directory file's user has it.
    const name = actor.name ?? directory.users.find((u) => u.id === actor.userId)?.name ?? actor.userId;
    const upcomingPosts = (await this.actors.upcomingPosts?.(actor.userId, jstDateOf(this.clock.now()))) ?? [];
    return {
      loginId: actor.userId,
      ...(actor.personId ? { personId: actor.personId } : {}),
      name,
      role: actor.role,
      ...(actor.department
        ? {
            department: {
              ...((actor.departmentId ?? actor.post?.departmentId)
                ? { id: actor.departmentId ?? actor.post?.departmentId }
                : {}),
              name: actor.department,
            },
          }
        : {}),
      sections: actor.sections,
      posts,
      csrfToken: session?.csrfToken ?? '',
      categories: directory.categories,
      achievementScale: directory.achievementScale,
      ...(upcomingPosts.length ? { upcomingPosts } : {}),
      // Relative times, so that the browser's warning does not depend on its clock agreeing with ours.
      ...(session
        ? {
            sessionIdleSeconds: this.config.auth.sessionIdleMinutes * 60,
            sessionEndsInSeconds: Math.max(
              0,
              Math.floor(
                (Date.parse(session.createdAt) +
                  this.config.auth.sessionAbsoluteHours * 3_600_000 -
                  this.clock.now().getTime()) /
                  1000,
              ),
            ),
          }
        : {}),
    };
  }
}
