import { PartialType } from '@nestjs/swagger';
import { IsReason } from '../../http/plain-text.validator';
import { GoalContentRequest } from '../goal-content/goal-content.request.dto';

/** A change request on an approved goal: the columns to change and why. */
export class AmendGoalRequest extends PartialType(GoalContentRequest) {
  @IsReason('Why the approved goal must change', '変更の理由')
  reason!: string;
}
