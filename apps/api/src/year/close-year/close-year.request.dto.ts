import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { IsReason } from '../../http/plain-text.validator';
import { WriteRequest } from '../../shared/write.request.dto';

export class ExcludedGoalRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID(undefined, { message: '目標のIDで指定してください' })
  goalId!: string;

  @IsReason('Why the goal is 対象外 this year: the auditor reads it')
  reason!: string;
}

export class CloseYearRequest extends WriteRequest {
  @ApiPropertyOptional({ type: [ExcludedGoalRequest], description: '対象外: goals set aside, each with its reason' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ExcludedGoalRequest)
  excluded?: ExcludedGoalRequest[];
}
