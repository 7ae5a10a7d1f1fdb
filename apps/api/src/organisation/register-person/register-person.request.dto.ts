import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsNotBlank, IsPlainText } from '../../http/plain-text.validator';
import { WriteRequest } from '../../shared/write.request.dto';

export class RegisterPersonRequest extends WriteRequest {
  @ApiProperty({ example: '山田花子', description: '氏名' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @IsPlainText()
  @IsNotBlank()
  name!: string;

  @ApiProperty({ example: 'yamada-h', description: 'The login id tokens and sign-in name' })
  @IsString()
  @Matches(/^[A-Za-z0-9._@-]{1,100}$/, { message: 'must be 1 to 100 letters, digits or . _ @ -' })
  loginId!: string;

  @ApiPropertyOptional({ example: 'yamada-h@example.lg.jp' })
  @IsOptional()
  @IsEmail()
  email?: string;

  @ApiPropertyOptional({ example: '012345', description: '職員番号' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9-]{1,20}$/, { message: 'must be 1 to 20 letters or digits' })
  employeeNumber?: string;

  @ApiPropertyOptional({
    description:
      'true after the administrator saw the 409 same-name-exists warning and confirmed this is another person',
  })
  @IsOptional()
  @IsBoolean()
  sameNameConfirmed?: boolean;
}
