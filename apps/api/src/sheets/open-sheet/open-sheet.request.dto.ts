import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { WriteRequest } from '../../shared/write.request.dto';
import { IsNotBlank, IsPlainText } from '../../http/plain-text.validator';

export class OpenSheetRequest extends WriteRequest {
  @ApiProperty({ example: '市民生活部' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @IsPlainText()
  @IsNotBlank()
  department!: string;

  @ApiProperty({ description: 'Gregorian year the fiscal year starts in: 令和4年度 = 2022', example: 2022 })
  @IsInt()
  @Min(2019)
  @Max(2100)
  fiscalYear!: number;

  @ApiProperty({ description: '作成日', example: '2022-04-01' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date, YYYY-MM-DD' })
  createdOn!: string;

  @ApiProperty({ description: '職名', example: '市民生活部長' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @IsPlainText()
  @IsNotBlank()
  headTitle!: string;

  @ApiProperty({ description: '氏名', example: '沢柳和彦' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @IsPlainText()
  @IsNotBlank()
  headName!: string;
}
