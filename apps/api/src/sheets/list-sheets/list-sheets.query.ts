import { Actor } from '@goals/domain';

export class ListSheetsQuery {
  constructor(
    readonly actor: Actor,
    readonly filter: { department?: string; fiscalYear?: number; offset: number; limit: number },
  ) {}
}
