import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { WriteRequest } from '../../shared/write.request.dto';

export class CarryOverPickRequest {
  @ApiProperty({ format: 'uuid', description: 'A goal of the closed year (the sheet before this one)' })
  @IsUUID(undefined, { message: '目標のIDで指定してください' })
  goalId!: string;

  @ApiPropertyOptional({
    type: [String],
    description:
      "The new goal's sections (ids of the new year): required where a section was split or abolished; the choices are in GET …/carry-over",
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsUUID(undefined, { each: true, message: '課のIDで指定してください' })
  sections?: string[];
}

export class CarryOverRequest extends WriteRequest {
  @ApiProperty({ type: [CarryOverPickRequest], description: 'The goals to carry into this sheet' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => CarryOverPickRequest)
  goals!: CarryOverPickRequest[];
}

export class MarkContinuingRequest extends WriteRequest {
  @ApiProperty({ description: '継続: offer the goal to next year whatever its rating (false takes the mark away)' })
  @IsBoolean({ message: 'true か false で指定してください' })
  continuing!: boolean;
}
