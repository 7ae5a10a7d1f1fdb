import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsPlainText } from '../../http/plain-text.validator';
import { WriteRequest } from '../../shared/write.request.dto';

export class GrantDelegationRequest extends WriteRequest {
  @ApiProperty({ description: 'login id of the person who decides in your stead (代決者)', example: 'kacho-shimin' })
  @IsString()
  @MaxLength(200)
  @IsPlainText()
  delegate!: string;

  @ApiProperty({ description: 'first day, YYYY-MM-DD (Asia/Tokyo), today or later', example: '2026-12-01' })
  @IsString()
  @MaxLength(10)
  from!: string;

  @ApiProperty({ description: 'last day, YYYY-MM-DD, inclusive', example: '2026-12-07' })
  @IsString()
  @MaxLength(10)
  until!: string;

  @ApiPropertyOptional({ description: 'why, e.g. 出張' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @IsPlainText({ multiline: true })
  reason?: string;
}
