import { NamedRequest } from '../directory.request.dto';

export class EstablishSectionRequest extends NamedRequest {}
