import { NamedRequest } from '../directory.request.dto';

export class RenameSectionRequest extends NamedRequest {}
