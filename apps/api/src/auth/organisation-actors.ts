/** ActorResolver backed by the event-sourced directory: posts as held on the Asia/Tokyo day of `at`. */
import { jstDateOf, personBy, postsOf, postTitle } from '@goals/domain';
import { ActorResolver } from './actor-resolver';
import { OrganisationDirectory } from '../organisation/organisation-directory.service';

export function organisationActors(directory: OrganisationDirectory): ActorResolver {
  return {
    resolve: (loginId, at) => directory.actorOn(loginId, jstDateOf(at)),
    loginIdBy: async (claim, value) => personBy(await directory.current(), claim, value)?.loginId,
    upcomingPosts: async (loginId, day) => {
      const state = await directory.current();
      const person = personBy(state, 'loginId', loginId);
      if (!person) return [];
      return postsOf(state, person.personId)
        .filter((post) => post.from > day)
        .sort((a, b) => a.from.localeCompare(b.from))
        .map((post) => ({ title: postTitle(state, post, post.from), from: post.from }));
    },
  };
}
