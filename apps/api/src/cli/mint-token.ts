/**
 * `npm run token -- <loginId>`: prints a bearer token naming a person by login id. The token carries
 * no role: the service looks the person's posts up in its directory on each request. The people
 * listed and checked here are the event-sourced directory's (an administrator's registrations, the
 * roster), the same the service reads, not the seed file's.
 */
import { actorOn, jstDateOf, OrganisationState, personBy, POST_TITLES } from '@goals/domain';
import { loadConfig, openEventStore } from '@goals/infrastructure';
import { systemClock } from '@goals/platform';
import { mintToken } from '../auth/token-keys';
import { organisationIn } from '../organisation/organisation-directory.service';

/** Who can use a token today: each person holding a post, with the post the service will see. */
function holdersToday(organisation: OrganisationState): string {
  const today = jstDateOf(systemClock.now());
  return [...organisation.people.values()]
    .flatMap((p) => {
      const actor = actorOn(organisation, p.loginId, today);
      return actor ? [`  ${p.loginId}\t${actor.post?.title ?? POST_TITLES[actor.role]}\t${p.name}`] : [];
    })
    .join('\n');
}

async function main(): Promise<void> {
  const loginId = process.argv[2];
  const config = loadConfig();
  if (config.jwt.jwksUrl) {
    process.stderr.write('JWT_JWKS_URL is set: tokens come from your issuer, not from this command\n');
    process.exit(2);
  }
  const store = await openEventStore(config);
  let organisation: OrganisationState;
  try {
    organisation = await organisationIn(store, config.directory);
  } finally {
    await store.close();
  }
  if (!loginId || !/^[A-Za-z0-9._@-]{1,100}$/.test(loginId)) {
    process.stderr.write(
      `usage: npm run token -- <loginId>\nlogin ids holding a post today:\n${holdersToday(organisation)}\n`,
    );
    process.exit(2);
  }
  if (!personBy(organisation, 'loginId', loginId))
    process.stderr.write(
      `note: nobody with the login id ${loginId} is registered; the token works once an administrator registers them\n`,
    );
  else if (!actorOn(organisation, loginId, jstDateOf(systemClock.now())))
    process.stderr.write(`note: ${loginId} holds no post today; the token is refused until one is assigned\n`);
  process.stdout.write(`${await mintToken(config, loginId)}\n`);
}

main().catch((e: Error) => {
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
});
