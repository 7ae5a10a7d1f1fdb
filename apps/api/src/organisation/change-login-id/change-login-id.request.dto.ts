import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { Label } from '../../http/field-label';
import { IsReason } from '../../http/plain-text.validator';
import { WriteRequest } from '../../shared/write.request.dto';

export class ChangeLoginIdRequest extends WriteRequest {
  @ApiProperty({ example: 'takahashi-i', description: 'The new login id (sign-in name and token subject)' })
  @Label('新しいログインID')
  @IsString()
  @Matches(/^[A-Za-z0-9._@-]{1,100}$/, { message: 'must be 1 to 100 letters, digits or . _ @ -' })
  loginId!: string;

  @IsReason('Why the login id changes (recorded)', '変更の理由')
  reason!: string;
}
