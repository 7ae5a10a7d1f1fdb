import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsNotBlank, IsPlainText } from '../../http/plain-text.validator';
import { ReorganisationRequest } from '../reorganisation/reorganisation.request.dto';

export class RenameDepartmentRequest extends ReorganisationRequest {
  @ApiProperty({ example: '市民協働部' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @IsPlainText()
  @IsNotBlank()
  name!: string;

  @ApiPropertyOptional({ example: '市民協働部長', description: '職名 of its head; 〜長 from the name when left out' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @IsPlainText()
  headTitle?: string;
}
