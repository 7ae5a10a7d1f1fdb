import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { WriteRequest } from '../../shared/write.request.dto';
import { IsNotBlank, IsPlainText } from '../../http/plain-text.validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class OpenMidYearWindowRequest extends WriteRequest {
  @ApiProperty({ description: '開始日 (shown in 和暦)', example: '2022-09-01' })
  @IsString()
  @Matches(DATE, { message: '開始日は YYYY-MM-DD の日付で指定してください' })
  opensOn!: string;

  @ApiProperty({ description: '締切日 (shown in 和暦)', example: '2022-10-14' })
  @IsString()
  @Matches(DATE, { message: '締切日は YYYY-MM-DD の日付で指定してください' })
  closesOn!: string;

  @ApiPropertyOptional({ description: 'What the office calls this check, e.g. 上期, 第3四半期', example: '上期' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  @IsPlainText()
  @IsNotBlank()
  label?: string;
}
