/** ActorResolver backed by the event-sourced directory: posts as held on the Asia/Tokyo day of `at`. */
import { jstDateOf, personBy } from '@goals/domain';
import { ActorResolver } from './actor-resolver';
import { OrganisationDirectory } from '../organisation/organisation-directory.service';

export function organisationActors(directory: OrganisationDirectory): ActorResolver {
  return {
    resolve: (loginId, at) => directory.actorOn(loginId, jstDateOf(at)),
    loginIdBy: async (claim, value) => personBy(await directory.current(), claim, value)?.loginId,
  };
}
