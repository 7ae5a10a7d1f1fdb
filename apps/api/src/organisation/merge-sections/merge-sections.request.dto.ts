import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsObject, IsUUID, ValidateNested } from 'class-validator';
import { EndingRequest, SectionTargetRequest } from '../reorganisation/reorganisation.request.dto';

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
