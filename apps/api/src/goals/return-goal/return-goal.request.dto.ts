import { IsReason } from '../../http/plain-text.validator';
import { WriteRequest } from '../../shared/write.request.dto';

export class ReturnGoalRequest extends WriteRequest {
  @IsReason('Why it is returned: the section head sees it', '差戻しの理由')
  reason!: string;
}
