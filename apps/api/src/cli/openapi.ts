/**
 * `npm run openapi [-- path]`: writes the service's OpenAPI document (default dist/openapi.json) without
 * starting a server (built as the web client's types are, see web-api-schema.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { buildOpenApiJson } from './web-api-schema';

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
