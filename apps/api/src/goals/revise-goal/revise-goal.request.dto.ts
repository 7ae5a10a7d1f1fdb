import { PartialType } from '@nestjs/swagger';
import { GoalContentRequest } from '../goal-content/goal-content.request.dto';

/** Any of the draft's columns; the ones left out stay as they are. */
export class ReviseGoalRequest extends PartialType(GoalContentRequest) {}
