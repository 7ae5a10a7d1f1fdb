import { Actor } from '@goals/domain';

export class GetGoalHistoryQuery {
  constructor(
    readonly goalId: string,
    readonly actor: Actor,
    readonly page: { offset: number; limit: number } = { offset: 0, limit: 1000 },
  ) {}
}
