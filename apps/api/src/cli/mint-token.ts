/** `npm run token -- <userId>`: prints a bearer token for a user of the directory file. */
import { loadConfig } from '@goals/infrastructure';
import { mintToken } from '../auth/token-keys';

async function main(): Promise<void> {
  const userId = process.argv[2];
  const config = loadConfig();
  const user = config.directory.users.find((u) => u.id === userId);
  if (!user) {
    const known = config.directory.users.map((u) => `  ${u.id}\t${u.role}\t${u.name}`).join('\n');
    process.stderr.write(`usage: npm run token -- <userId>\nusers in ${config.directoryFile}:\n${known}\n`);
    process.exit(2);
  }
  if (config.jwt.jwksUrl) {
    process.stderr.write('JWT_JWKS_URL is set: tokens come from your issuer, not from this command\n');
    process.exit(2);
  }
  process.stdout.write(`${await mintToken(config, user.id)}\n`);
}

main().catch((e: Error) => {
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
});
