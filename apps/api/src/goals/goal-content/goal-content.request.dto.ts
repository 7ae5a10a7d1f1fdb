import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { GoalContent, PLAN_LIMITS, TEXT_LIMITS } from '@goals/domain';
import { WriteRequest } from '../../shared/write.request.dto';
import { IsNotBlank, IsPlainText } from '../../http/plain-text.validator';

/** The columns a section head fills in; vocabularies (category, sections) are checked by the domain. */
export class GoalContentRequest extends WriteRequest {
  @ApiProperty({ description: '実施項目', example: '転出・転入手続のワンストップ化の実現' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMITS.title)
  @IsPlainText()
  @IsNotBlank()
  title!: string;

  @ApiProperty({ description: '計画・方針等の分類', example: '行政改革' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @IsPlainText()
  @IsNotBlank()
  category!: string;

  @ApiProperty({ description: 'どの水準まで (達成水準又は遂行後の状態等)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMITS.targetLevel)
  @IsPlainText({ multiline: true })
  @IsNotBlank()
  targetLevel!: string;

  @ApiProperty({ description: 'どのような方法で (目標等を達成するための取組の内容等)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMITS.method)
  @IsPlainText({ multiline: true })
  @IsNotBlank()
  method!: string;

  @ApiProperty({
    description: 'いつまで: month of the fiscal year, 1–12 (2 = February of the next calendar year)',
    example: 2,
  })
  @IsInt()
  @Min(1)
  @Max(12)
  deadlineMonth!: number;

  @ApiProperty({ description: '共通/課名: section names, or ["共通"]', example: ['市民課'] })
  @IsArray({ message: 'must be a list of section names' })
  @ArrayNotEmpty()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  @IsPlainText({ each: true })
  sections!: string[];

  @ApiPropertyOptional({
    description:
      "施策: the 総合計画 施策 the goal serves, by its id (GET /api/v1/plan lists those of the year); '' for none",
    example: '1-1-2',
  })
  @IsOptional()
  @IsString()
  @MaxLength(PLAN_LIMITS.id)
  @IsPlainText()
  measureId?: string;
}

/** The goal's columns from a request, without the write's own fields; a partial request gives the columns it names. */
export function contentOf(request: GoalContentRequest): GoalContent;
export function contentOf(request: Partial<GoalContentRequest>): Partial<GoalContent>;
export function contentOf(request: Partial<GoalContentRequest>): Partial<GoalContent> {
  const { title, category, targetLevel, method, deadlineMonth, sections, measureId } = request;
  const content: Partial<GoalContent> = { title, category, targetLevel, method, deadlineMonth, sections, measureId };
  return Object.fromEntries(Object.entries(content).filter(([, v]) => v !== undefined));
}
