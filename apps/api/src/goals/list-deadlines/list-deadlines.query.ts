import { Actor } from '@goals/domain';

export class ListDeadlinesQuery {
  constructor(
    readonly actor: Actor,
    readonly filter: { from?: string; to?: string; department?: string; limit: number },
  ) {}
}
