import { ApiProperty, PartialType } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { TEXT_LIMITS } from '@goals/domain';
import { GoalContentRequest } from '../goal-content/goal-content.request.dto';
import { IsNotBlank, IsPlainText } from '../../http/plain-text.validator';

/** A change request on an approved goal: the columns to change and why. */
export class AmendGoalRequest extends PartialType(GoalContentRequest) {
  @ApiProperty({ description: 'Why the approved goal must change' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMITS.reason)
  @IsPlainText({ multiline: true })
  @IsNotBlank()
  reason!: string;
}
