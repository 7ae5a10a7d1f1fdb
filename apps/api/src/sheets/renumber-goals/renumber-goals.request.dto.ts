import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsUUID } from 'class-validator';
import { WriteRequest } from '../../shared/write.request.dto';

export class RenumberGoalsRequest extends WriteRequest {
  @ApiProperty({ description: 'Every goal of the sheet in the new order: the first gets 番号 1' })
  @IsArray({ message: 'must be a list of goal ids' })
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  goalIds!: string[];
}
