import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { Label } from '../../http/field-label';
import { IsReason } from '../../http/plain-text.validator';
import { WriteRequest } from '../../shared/write.request.dto';

export class MergePersonRequest extends WriteRequest {
  @ApiProperty({ description: 'The person kept: the duplicate’s posts become theirs' })
  @Label('統合先の職員')
  @IsUUID()
  intoPersonId!: string;

  @IsReason('Why the two records are one person (recorded)', '統合の理由')
  reason!: string;
}
