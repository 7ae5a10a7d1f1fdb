import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { ReorganisationRequest } from '../reorganisation/reorganisation.request.dto';

export class MoveSectionRequest extends ReorganisationRequest {
  @ApiProperty({ format: 'uuid', description: 'The department it belongs to from the day; its 課長 moves with it' })
  @IsUUID()
  departmentId!: string;
}
