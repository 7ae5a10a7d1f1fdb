import { WriteRequest } from '../../shared/write.request.dto';
import { EntriesField, ProgressEntryRequest } from './progress-entry.request.dto';

export class SaveMidYearReportRequest extends WriteRequest {
  @EntriesField(true)
  entries!: ProgressEntryRequest[];
}
