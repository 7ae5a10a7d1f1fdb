import { Actor } from '@goals/domain';

export class GetInboxQuery {
  constructor(readonly actor: Actor) {}
}
