import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { WriteRequest } from '../../shared/write.request.dto';
import { IsNotBlank, IsPlainText } from '../../http/plain-text.validator';

export class ConfirmAchievementRequest extends WriteRequest {
  @ApiPropertyOptional({ description: 'A different level than the one recorded, if the department head adjusts it' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @IsPlainText()
  @IsNotBlank()
  level?: string;
}
