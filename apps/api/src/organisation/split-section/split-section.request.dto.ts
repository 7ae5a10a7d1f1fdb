import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, ValidateNested } from 'class-validator';
import { EndingRequest, SectionTargetRequest } from '../reorganisation/reorganisation.request.dto';

export class SplitSectionRequest extends EndingRequest {
  @ApiProperty({ type: [SectionTargetRequest], description: 'Two or more sections, each taking part of the work' })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => SectionTargetRequest)
  into!: SectionTargetRequest[];
}
