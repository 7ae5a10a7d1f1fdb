import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { DELEGATED_DECISIONS } from '@goals/domain';
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

  @ApiPropertyOptional({
    description: 'administrator only: the department whose head the 代決 is for (its 部長 on `from`)',
    example: '市民生活部',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @IsPlainText()
  department?: string;

  @ApiPropertyOptional({
    type: [String],
    enum: DELEGATED_DECISIONS,
    description: 'which decisions: approve (承認), return (差戻し), confirm (実績確認); all three when left out',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(3)
  @IsIn(DELEGATED_DECISIONS, { each: true, message: 'each must be approve, return or confirm' })
  decisions?: string[];

  @ApiPropertyOptional({ description: 'why, e.g. 出張' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @IsPlainText({ multiline: true })
  reason?: string;
}
