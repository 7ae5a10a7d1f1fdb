import { Actor } from '@goals/domain';

export class ListSectionGoalsQuery {
  constructor(
    readonly actor: Actor,
    readonly filter: { department?: string; section?: string; fiscalYear?: number },
  ) {}
}
