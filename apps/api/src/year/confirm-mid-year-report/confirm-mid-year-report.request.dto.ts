import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { TEXT_LIMITS } from '@goals/domain';
import { IsPlainText } from '../../http/plain-text.validator';
import { WriteRequest } from '../../shared/write.request.dto';

export class ConfirmMidYearReportRequest extends WriteRequest {
  @ApiPropertyOptional({ description: 'A note for the section head' })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_LIMITS.comment)
  @IsPlainText({ multiline: true })
  comment?: string;
}
