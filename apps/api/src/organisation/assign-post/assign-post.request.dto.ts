import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { POST_KINDS, PostKind } from '@goals/domain';
import { WriteRequest } from '../../shared/write.request.dto';
import { DATE, DATE_MESSAGE } from '../directory.request.dto';

export class AssignPostRequest extends WriteRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  personId!: string;

  @ApiProperty({ enum: POST_KINDS, description: '部長, 課長, 監査, 管理者, 庶務担当, 企画担当 (planning)' })
  @IsIn(POST_KINDS as PostKind[])
  kind!: PostKind;

  @ApiPropertyOptional({ format: 'uuid', description: 'For departmentHead, sectionHead and clerk' })
  @IsOptional()
  @IsUUID()
  departmentId?: string;

  @ApiPropertyOptional({ type: [String], description: 'For sectionHead and clerk' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsUUID(undefined, { each: true })
  sectionIds?: string[];

  @ApiProperty({ example: '2023-04-01', description: 'First day held' })
  @IsString()
  @Matches(DATE, DATE_MESSAGE)
  from!: string;

  @ApiPropertyOptional({ example: '2024-03-31', description: 'Last day held; open-ended when left out' })
  @IsOptional()
  @IsString()
  @Matches(DATE, DATE_MESSAGE)
  until?: string;
}
