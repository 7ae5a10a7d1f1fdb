import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { WriteRequest } from '../../shared/write.request.dto';
import { DATE, DATE_MESSAGE } from '../directory.request.dto';

export class EndPostRequest extends WriteRequest {
  @ApiProperty({ example: '2023-03-31', description: 'Last day held' })
  @IsString()
  @Matches(DATE, DATE_MESSAGE)
  until!: string;
}
