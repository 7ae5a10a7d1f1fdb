/**
 * `npm run web:api`: the web application's typed client comes from the service's own OpenAPI
 * document, built here from the Nest app without listening (a temporary data folder, no worker),
 * then turned into TypeScript by openapi-typescript. A test compares the result with the committed
 * apps/web/src/api/schema.d.ts, so a changed request or response fails the build, not a user.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createApp, openApiDocument } from '../bootstrap';
import { loadConfig } from '@goals/infrastructure';

export const WEB_API_SCHEMA = resolve(__dirname, '../../../web/src/api/schema.d.ts').replace(
  /[\\/]dist[\\/]apps[\\/]/,
  '/apps/',
);

export async function buildOpenApiJson(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'goal-sheet-openapi-'));
  try {
    const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', EMBEDDED_REDIS_PORT: '0', RUN_WORKER: 'false' });
    const app = await createApp({ config, logger: false, webRoot: join(dataDir, 'no-web') });
    try {
      await app.init();
      return JSON.stringify(openApiDocument(app), null, 2);
    } finally {
      await app.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The TypeScript openapi-typescript makes of the document. */
export async function webApiSchema(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'goal-sheet-schema-'));
  try {
    writeFileSync(join(dir, 'openapi.json'), await buildOpenApiJson());
    const bin = join(dirname(require.resolve('openapi-typescript/package.json')), 'bin', 'cli.js');
    execFileSync(process.execPath, [bin, join(dir, 'openapi.json'), '-o', join(dir, 'schema.d.ts')], { stdio: 'pipe' });
    return readFileSync(join(dir, 'schema.d.ts'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  webApiSchema().then(
    (schema) => {
      writeFileSync(WEB_API_SCHEMA, schema);
      process.stdout.write(`wrote ${WEB_API_SCHEMA}\n`);
      process.exit(0);
    },
    (e: Error) => {
      process.stderr.write(`${e.stack}\n`);
      process.exit(1);
    },
  );
}
