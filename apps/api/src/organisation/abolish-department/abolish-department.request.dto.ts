import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { EndingRequest } from '../reorganisation/reorganisation.request.dto';

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
