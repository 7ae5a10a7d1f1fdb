import { EndingRequest } from '../reorganisation/reorganisation.request.dto';

export class AbolishSectionRequest extends EndingRequest {}
