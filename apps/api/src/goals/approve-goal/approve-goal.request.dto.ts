import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { TEXT_LIMITS } from '@goals/domain';
import { WriteRequest } from '../../shared/write.request.dto';
import { IsPlainText } from '../../http/plain-text.validator';

export class ApproveGoalRequest extends WriteRequest {
  @ApiPropertyOptional({ description: 'A note for the section head' })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_LIMITS.comment)
  @IsPlainText({ multiline: true })
  comment?: string;
}
