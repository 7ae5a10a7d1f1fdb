/**
 * `npm run token -- <loginId>`: prints a bearer token naming a person by login id. The token carries
 * no role: the service looks the person's posts up in its directory on each request, so a person an
 * administrator registered since the directory file was written gets a token too.
 */
import { loadConfig } from '@goals/infrastructure';
import { mintToken } from '../auth/token-keys';

async function main(): Promise<void> {
  const userId = process.argv[2];
  const config = loadConfig();
  if (!userId || !/^[A-Za-z0-9._@-]{1,100}$/.test(userId)) {
    const known = config.directory.users.map((u) => `  ${u.id}\t${u.role}\t${u.name}`).join('\n');
    process.stderr.write(`usage: npm run token -- <loginId>\nlogin ids in ${config.directoryFile}:\n${known}\n`);
    process.exit(2);
  }
  if (config.jwt.jwksUrl) {
    process.stderr.write('JWT_JWKS_URL is set: tokens come from your issuer, not from this command\n');
    process.exit(2);
  }
  if (!config.directory.users.some((u) => u.id === userId))
    process.stderr.write(`${userId} is not in ${config.directoryFile}: the token works once an administrator registers them\n`);
  process.stdout.write(`${await mintToken(config, userId)}\n`);
}

main().catch((e: Error) => {
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
});
