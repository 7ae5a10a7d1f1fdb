import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsNotBlank, IsPlainText, IsReason } from '../../http/plain-text.validator';
import { WriteRequest } from '../../shared/write.request.dto';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Every 機構改革 takes effect from a day and says why; the reason goes into the events' metadata. */
class ReorganisationRequest extends WriteRequest {
  @ApiProperty({ example: '2024-04-01', description: 'First day of the new organisation (normally 4月1日)' })
  @IsString()
  @Matches(DATE, { message: 'must be a date, YYYY-MM-DD' })
  effectiveFrom!: string;

  @IsReason(
    'Why, e.g. 令和6年度機構改革（組織規則の一部改正）: recorded in the metadata of the events',
    '機構改革の理由',
  )
  reason!: string;
}

/** Ending a 課 or 部 may end the posts that belong to it, the day before, when asked to. */
class EndingRequest extends ReorganisationRequest {
  @ApiPropertyOptional({
    default: false,
    description:
      'End, on the day before, the 課長/庶務担当 (部長) posts of what ends that would still be held after it. ' +
      'Without it such a post refuses the change, naming the post and the person.',
  })
  @IsOptional()
  @IsBoolean()
  endPosts?: boolean;
}

export class RenameDepartmentRequest extends ReorganisationRequest {
  @ApiProperty({ example: '市民協働部' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @IsPlainText()
  @IsNotBlank()
  name!: string;

  @ApiPropertyOptional({ example: '市民協働部長', description: '職名 of its head; 〜長 from the name when left out' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @IsPlainText()
  headTitle?: string;
}

export class AbolishDepartmentRequest extends EndingRequest {
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'The department its remaining sections move to that day; without it they must be moved or abolished first',
  })
  @IsOptional()
  @IsUUID()
  sectionsMoveTo?: string;
}

export class MoveSectionRequest extends ReorganisationRequest {
  @ApiProperty({ format: 'uuid', description: 'The department it belongs to from the day; its 課長 moves with it' })
  @IsUUID()
  departmentId!: string;
}

export class AbolishSectionRequest extends EndingRequest {}

/** Where work goes: an existing section (sectionId), or a new one (name, and its department if not the source's). */
export class SectionTargetRequest {
  @ApiPropertyOptional({ format: 'uuid', description: 'An existing section' })
  @IsOptional()
  @IsUUID()
  sectionId?: string;

  @ApiPropertyOptional({ example: '市民経済課', description: 'A new section, established that day' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @IsPlainText()
  @IsNotBlank()
  name?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: "A new section's department; by default that of the section(s) it comes from",
  })
  @IsOptional()
  @IsUUID()
  departmentId?: string;
}

export class MergeSectionsRequest extends EndingRequest {
  @ApiProperty({ type: [String], description: 'The sections that end, their work going to `into`' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsUUID(undefined, { each: true })
  sectionIds!: string[];

  @ApiProperty({ type: SectionTargetRequest })
  @IsObject()
  @ValidateNested()
  @Type(() => SectionTargetRequest)
  into!: SectionTargetRequest;
}

export class SplitSectionRequest extends EndingRequest {
  @ApiProperty({ type: [SectionTargetRequest], description: 'Two or more sections, each taking part of the work' })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => SectionTargetRequest)
  into!: SectionTargetRequest[];
}
