import { Actor } from '@goals/domain';

export class GetYearQuery {
  constructor(
    readonly sheetId: string,
    readonly actor: Actor,
  ) {}
}
