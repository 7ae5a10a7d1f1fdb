import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { TEXT_LIMITS } from '@goals/domain';
import { WriteRequest } from '../../shared/write.request.dto';
import { IsNotBlank, IsPlainText } from '../../http/plain-text.validator';

export class RecordAchievementRequest extends WriteRequest {
  @ApiProperty({ description: '達成状況, from the configured scale', example: 'ほぼ達成した' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @IsPlainText()
  @IsNotBlank()
  level!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_LIMITS.comment)
  @IsPlainText({ multiline: true })
  comment?: string;
}
