import { CanActivate, ExecutionContext, Inject, Injectable, SetMetadata, UnauthorizedException, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Actor } from '@goals/domain';
import { CLOCK, Clock } from '@goals/platform';
import { ACTOR_RESOLVER, ActorResolver } from './actor-resolver';
import { TokenVerifier } from './token-keys';

export const TOKEN_VERIFIER = Symbol('TokenVerifier');
const PUBLIC = 'goal-sheet:public';

/** Routes anyone may reach without a token: health and the API docs. */
export const Public = () => SetMetadata(PUBLIC, true);

/** Every route needs a valid bearer token of a user in the directory, unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verify: TokenVerifier,
    @Inject(ACTOR_RESOLVER) private readonly actors: ActorResolver,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; actor?: Actor }>();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new UnauthorizedException('a bearer token is required (Authorization: Bearer <token>)');
    let subject: string | undefined;
    try {
      subject = (await this.verify(match[1])).sub;
    } catch (e) {
      throw new UnauthorizedException(`the token was refused: ${(e as Error).message}`);
    }
    const actor = subject === undefined ? undefined : await this.actors.resolve(subject, this.clock.now());
    if (!actor) throw new UnauthorizedException(`the token's user ${subject ?? '(none)'} is not in the directory`);
    request.actor = actor;
    return true;
  }
}

export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  return context.switchToHttp().getRequest<{ actor: Actor }>().actor;
});
