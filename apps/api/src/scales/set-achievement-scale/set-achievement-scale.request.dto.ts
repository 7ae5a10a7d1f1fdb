import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, MaxLength } from 'class-validator';
import { SCALE_LIMITS } from '@goals/domain';
import { Label } from '../../http/field-label';
import { IsPlainText, IsReason } from '../../http/plain-text.validator';
import { WriteRequest } from '../../shared/write.request.dto';

/** A year's scale as an administrator sends it; the domain checks the rest (order, duplicates, how many achieved). */
export class SetAchievementScaleRequest extends WriteRequest {
  @ApiProperty({
    type: [String],
    description: 'The levels counted in the 達成率, best first (2 to 7)',
    example: ['計画以上', '計画通り', '計画未満'],
  })
  @Label('達成度の区分')
  @IsArray()
  @ArrayMaxSize(SCALE_LIMITS.maxLevels)
  @IsString({ each: true })
  @MaxLength(SCALE_LIMITS.labelLength, { each: true })
  @IsPlainText({ each: true })
  levels!: string[];

  @ApiProperty({ description: 'How many of the best levels count as achieved', example: 2 })
  @Label('達成とみなす区分', { chosen: true })
  @IsInt()
  achievedLevels!: number;

  @ApiPropertyOptional({
    description: 'A level that may be given but is counted in no rate (評価不能); left out for none',
    example: '評価不能',
  })
  @Label('評価不能の区分')
  @IsOptional()
  @IsString()
  @MaxLength(SCALE_LIMITS.labelLength)
  @IsPlainText()
  notAssessable?: string;

  @IsReason('Why the scale is set (the city’s rule it follows): recorded and shown to the auditor')
  reason!: string;
}
