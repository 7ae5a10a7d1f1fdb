import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { PROGRESS_LEVELS, TEXT_LIMITS } from '@goals/domain';
import { IsPlainText } from '../../http/plain-text.validator';

export class ProgressEntryRequest {
  @ApiProperty({ format: 'uuid', description: 'an approved goal of the section' })
  @IsUUID(undefined, { message: '目標のIDで指定してください' })
  goalId!: string;

  @ApiProperty({ enum: PROGRESS_LEVELS, description: '進捗状況' })
  @IsIn(PROGRESS_LEVELS, { message: `進捗状況は${PROGRESS_LEVELS.join('・')}のいずれかです` })
  progress!: string;

  @ApiPropertyOptional({ description: '進捗コメント: what was done, what comes next, why late' })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_LIMITS.comment, { message: `進捗コメントは${TEXT_LIMITS.comment}文字以内です` })
  @IsPlainText({ multiline: true })
  comment?: string;
}

/** Decorators of the `entries` field: one line per approved goal of the section. */
export function EntriesField(required: boolean): PropertyDecorator {
  return (target, key) => {
    (required
      ? ApiProperty({ type: [ProgressEntryRequest] })
      : ApiPropertyOptional({ type: [ProgressEntryRequest], description: 'saved first when given' }))(target, key);
    if (!required) IsOptional()(target, key);
    IsArray()(target, key);
    ArrayMaxSize(500)(target, key);
    ValidateNested({ each: true })(target, key);
    Type(() => ProgressEntryRequest)(target, key);
  };
}
