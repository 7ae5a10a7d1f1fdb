import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { IsNotBlank, IsPlainText } from '../http/plain-text.validator';
import { WriteRequest } from '../shared/write.request.dto';

export const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const DATE_MESSAGE = { message: 'must be a date, YYYY-MM-DD' };

/** A department or section: its name and the first day it holds. */
export class NamedRequest extends WriteRequest {
  @ApiProperty({ example: '市民課' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @IsPlainText()
  @IsNotBlank()
  name!: string;

  @ApiProperty({ example: '2023-04-01', description: 'First day it holds (normally 4月1日)' })
  @IsString()
  @Matches(DATE, DATE_MESSAGE)
  effectiveFrom!: string;
}
