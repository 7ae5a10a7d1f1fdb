/**
 * `npm run openapi [-- path]`: writes the service's OpenAPI document (default dist/openapi.json) without
 * starting a server — the Nest app is built on a temporary data folder, with no worker, and closed again.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { loadConfig } from '@goals/infrastructure';
import { createApp } from '../bootstrap';
import { buildOpenApiDocument } from '../openapi';

export async function buildOpenApiJson(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'goal-sheet-openapi-'));
  try {
    const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', EMBEDDED_REDIS_PORT: '0', RUN_WORKER: 'false' });
    const app = await createApp({ config, logger: false, webRoot: join(dataDir, 'no-web') });
    try {
      await app.init();
      return JSON.stringify(buildOpenApiDocument(app), null, 2);
    } finally {
      await app.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const out = resolve(process.argv[2] ?? 'dist/openapi.json');
  buildOpenApiJson().then(
    (json) => {
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, `${json}\n`);
      process.stdout.write(`wrote ${out}\n`);
      process.exit(0);
    },
    (e: Error) => {
      process.stderr.write(`${e.stack}\n`);
      process.exit(1);
    },
  );
}
