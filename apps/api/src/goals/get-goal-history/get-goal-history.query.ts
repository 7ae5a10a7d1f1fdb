import { Actor } from '@goals/domain';

export class GetGoalHistoryQuery {
  constructor(
    readonly goalId: string,
    readonly actor: Actor,
  ) {}
}
