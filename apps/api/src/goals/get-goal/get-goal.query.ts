import { Query } from '@nestjs/cqrs';
import { Actor } from '@goals/domain';
import { GoalView } from './goal.view';

export class GetGoalQuery extends Query<GoalView> {
  constructor(
    readonly goalId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}
