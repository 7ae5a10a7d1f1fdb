import { Actor } from '@goals/domain';

export class ListDelegationsQuery {
  constructor(
    readonly actor: Actor,
    readonly department?: string,
  ) {}
}
