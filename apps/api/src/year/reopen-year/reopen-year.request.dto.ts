import { IsReason } from '../../http/plain-text.validator';
import { WriteRequest } from '../../shared/write.request.dto';

export class ReopenYearRequest extends WriteRequest {
  @IsReason('Why the closed year is reopened: recorded and shown to the auditor')
  reason!: string;
}
