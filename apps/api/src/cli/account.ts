/**
 * `npm run account -- set-password <loginId>`: sets a local account's password, read from standard
 * input (never from the command line, where `ps` and the shell history would show it). On a
 * terminal it asks twice without echoing; from a pipe it takes the first line:
 *   echo 'a long passphrase' | npm run account -- set-password admin
 * Every session of the person ends, and PasswordChanged is recorded (without the password).
 */
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import { LocalRedisServer, runningLocalRedis } from '@goals/redis';
import { dataFolderIdentity, systemClock } from '@goals/platform';
import { loadConfig } from '@goals/infrastructure';
import { openEventStore } from '@goals/infrastructure';
import { Accounts } from '../auth/accounts.service';
import { actorOn, jstDateOf, personBy } from '@goals/domain';
import { ActorResolver } from '../auth/actor-resolver';
import { organisationIn } from '../organisation/organisation-directory.service';
import { SecurityEvents } from '../auth/security-events';

const USAGE = 'usage: npm run account -- set-password <loginId>   (the password is read from standard input)\n';

function readLine(): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk: string) => {
      text += chunk;
      if (text.length > 4096) reject(new Error('the password is longer than any we accept'));
    });
    process.stdin.on('end', () => resolve(text.split(/\r?\n/)[0]));
    process.stdin.on('error', reject);
  });
}

/** Reads one line on the terminal with echo off (raw mode): the password never appears on screen. */
function askHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    // Echo off before the prompt shows, so nothing typed at once is echoed by the terminal.
    stdin.setRawMode(true);
    process.stderr.write(prompt);
    stdin.resume();
    stdin.setEncoding('utf8');
    let text = '';
    const onData = (chunk: string) => {
      for (const c of chunk) {
        if (c === '\r' || c === '\n') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stderr.write('\n');
          return resolve(text);
        }
        if (c === '\u0003') {
          stdin.setRawMode(false);
          process.stderr.write('\n');
          return reject(new Error('cancelled'));
        }
        if (c === '\u007f' || c === '\b') text = [...text].slice(0, -1).join('');
        else text += c;
      }
    };
    stdin.on('data', onData);
  });
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) return readLine();
  const first = await askHidden('新しいパスワード (12文字以上): ');
  const second = await askHidden('もう一度入力してください: ');
  if (first !== second) throw new Error('2回の入力が一致しません。もう一度やり直してください。');
  return first;
}

async function main(): Promise<void> {
  const [command, loginId] = process.argv.slice(2);
  if (command !== 'set-password' || !loginId) {
    process.stderr.write(USAGE);
    process.exit(2);
  }
  const config = loadConfig();
  // The event is the record; its log line would only repeat it on this console.
  Logger.overrideLogger(['error', 'warn']);
  const password = await readPassword();
  // On the embedded default this is the service's own redis-server: the running one of this DATA_DIR,
  // found by its pid file on whatever port it has, or one started here on its data, on any free port.
  const redisDir = join(config.dataDir, 'redis');
  const identity = dataFolderIdentity(config.dataDir);
  const running = config.redisUrl ?? (await runningLocalRedis(redisDir, identity))?.url;
  const local = running ? undefined : await new LocalRedisServer({ dataDir: redisDir, port: 0, identity }).start();
  const redis = new Redis(running ?? local!.url, { maxRetriesPerRequest: 3 });
  const store = await openEventStore(config);
  try {
    // People and posts live in the event-sourced directory (an administrator's changes, the roster),
    // not in the file, which only seeds an empty store.
    const organisation = await organisationIn(store, config.directory);
    const resolver: ActorResolver = {
      resolve: async (id, at) => actorOn(organisation, id, jstDateOf(at)),
      loginIdBy: async (claim, value) => personBy(organisation, claim, value)?.loginId,
    };
    if (!personBy(organisation, 'loginId', loginId))
      process.stderr.write(
        `note: nobody with the login id ${loginId} is registered in the organisation; ` +
          'they can sign in once an administrator registers them and assigns a post\n',
      );
    else if (!(await resolver.resolve(loginId, systemClock.now())))
      process.stderr.write(`note: ${loginId} holds no post today; they can sign in once one is assigned\n`);
    const accounts = new Accounts(redis, config, systemClock, resolver, new SecurityEvents(store, systemClock));
    const outcome = await accounts.setPassword(loginId, password, 'console');
    if (!outcome.ok) {
      process.stderr.write(`${outcome.problem}\n`);
      process.exitCode = 1;
      return;
    }
    process.stdout.write(`${loginId} のパスワードを設定しました（終了したセッション: ${outcome.sessionsEnded}）。\n`);
  } finally {
    redis.disconnect();
    await store.close();
    await local?.stop();
  }
}

main().catch((e: Error) => {
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
});
