import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Actor } from '@goals/domain';

/** The person the request is from, as the auth guard resolved them (posts held today). */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  return context.switchToHttp().getRequest<{ actor: Actor }>().actor;
});
