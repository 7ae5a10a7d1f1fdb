import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsPlainText } from '../../http/plain-text.validator';
import { NamedRequest } from '../directory.request.dto';

export class EstablishDepartmentRequest extends NamedRequest {
  @ApiPropertyOptional({ example: '総務部長', description: '職名 of its head; 〜部長 from the name when left out' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @IsPlainText()
  headTitle?: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['総務課', '人事課'],
    description: 'Its sections, established with it',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(100, { each: true })
  sections?: string[];
}
