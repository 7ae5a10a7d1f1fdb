import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { IsNotBlank, IsPlainText, IsReason } from '../../http/plain-text.validator';
import { WriteRequest } from '../../shared/write.request.dto';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class ReorganisationRequest extends WriteRequest {
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

export class EndingRequest extends ReorganisationRequest {
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
