import { WriteRequest } from '../../shared/write.request.dto';
import { EntriesField, ProgressEntryRequest } from '../save-mid-year-report/progress-entry.request.dto';

export class SubmitMidYearReportRequest extends WriteRequest {
  @EntriesField(false)
  entries?: ProgressEntryRequest[];
}
