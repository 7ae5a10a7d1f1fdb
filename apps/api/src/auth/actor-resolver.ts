/**
 * The seam between "who signed in" and "what they may do today". A bearer token or a browser
 * session names a person by login id; the posts they hold come from the directory as of the day of
 * the request, never from the token (a 課長 moved on 4月1日 loses the old section's rights that day).
 */
import { Actor } from '@goals/domain';

export const ACTOR_RESOLVER = Symbol('ActorResolver');

export interface ActorResolver {
  /** The person with this login id as they act at `at`; undefined when unknown or holding no post then. */
  resolve(loginId: string, at: Date): Promise<Actor | undefined>;
  /** Posts the person will take up after `day` (お知らせ: 「令和9年4月1日から総務課長」), earliest first. */
  upcomingPosts?(loginId: string, day: string): Promise<Array<{ title: string; from: string }>>;
  /** The login id of the person whose claim (as an identity provider sends it) has this value. */
  loginIdBy(claim: PersonClaim, value: string): Promise<string | undefined>;
}

/** What an identity provider's claim may be matched against: configuration says which. */
export type PersonClaim = 'loginId' | 'email' | 'employeeNumber';
