import { Actor } from '@goals/domain';

export class GetGoalQuery {
  constructor(
    readonly goalId: string,
    readonly actor: Actor,
  ) {}
}
