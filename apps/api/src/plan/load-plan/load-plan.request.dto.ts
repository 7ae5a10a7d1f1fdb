import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { PLAN_LIMITS } from '@goals/domain';
import { Label } from '../../http/field-label';
import { IsNotBlank, IsPlainText } from '../../http/plain-text.validator';
import { WriteRequest } from '../../shared/write.request.dto';

/** One line of the plan; emptiness, duplicates, parents and depth are checked by the domain. */
export class PlanEntryRequest {
  @Label('ID')
  @ApiProperty({ example: '1-1-2', description: 'ID as the city numbers the entry' })
  @IsString()
  @MaxLength(PLAN_LIMITS.id)
  @IsPlainText()
  id!: string;

  @Label('名称')
  @ApiProperty({ example: '行政のデジタル化', description: '名称' })
  @IsString()
  @MaxLength(PLAN_LIMITS.name)
  @IsPlainText()
  name!: string;

  @Label('親ID')
  @ApiPropertyOptional({ example: '1-1', description: '親ID: the entry one level up; none for a 基本目標' })
  @IsOptional()
  @IsString()
  @MaxLength(PLAN_LIMITS.id)
  @IsPlainText()
  parentId?: string;
}

export class LoadPlanRequest extends WriteRequest {
  @Label('適用開始日')
  @ApiProperty({
    example: '2021-04-01',
    description:
      '適用開始日: the version is the plan of every fiscal year ending on or after it, until the next version',
  })
  @IsString()
  @MaxLength(10)
  validFrom!: string;

  @Label('計画の名前')
  @ApiPropertyOptional({ example: '第6次総合計画（後期基本計画）' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(PLAN_LIMITS.title)
  @IsPlainText()
  @IsNotBlank()
  title?: string;

  @Label('階層の名前')
  @ApiPropertyOptional({
    type: [String],
    example: ['基本目標', '政策', '施策'],
    description: 'names of the levels from the top (default 基本目標・政策・施策)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(PLAN_LIMITS.levels)
  @IsString({ each: true })
  @MaxLength(PLAN_LIMITS.level, { each: true })
  @IsPlainText({ each: true })
  levels?: string[];

  @Label('施策の一覧')
  @ApiProperty({ type: [PlanEntryRequest], description: 'every line of the plan: 基本目標, 政策 and 施策' })
  @IsArray()
  @ArrayMaxSize(PLAN_LIMITS.entries)
  @ValidateNested({ each: true })
  @Type(() => PlanEntryRequest)
  entries!: PlanEntryRequest[];
}
