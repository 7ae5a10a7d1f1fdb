import { IsReason } from '../../http/plain-text.validator';
import { WriteRequest } from '../../shared/write.request.dto';

export class ReturnMidYearReportRequest extends WriteRequest {
  @IsReason('Why the report is returned: the section head reads it at the top of the form')
  reason!: string;
}
