import { IsReason } from '../../http/plain-text.validator';
import { WriteRequest } from '../../shared/write.request.dto';

export class DeleteGoalRequest extends WriteRequest {
  @IsReason('Why the draft is deleted (e.g. 二重に作成したため): the audit trail keeps it', '削除の理由')
  reason!: string;
}
