import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { TEXT_LIMITS } from '@goals/domain';
import { WriteRequest } from '../../shared/write.request.dto';
import { IsNotBlank, IsPlainText } from '../../http/plain-text.validator';

export class ReturnGoalRequest extends WriteRequest {
  @ApiProperty({ description: 'Why it is returned: the section head sees it' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMITS.reason)
  @IsPlainText({ multiline: true })
  @IsNotBlank()
  reason!: string;
}
